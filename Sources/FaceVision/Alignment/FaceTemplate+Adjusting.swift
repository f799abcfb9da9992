extension FaceTemplate {
    /// The same template with the face framed differently: every point scaled by `scale` about the chip's centre
    /// pixel position `((width − 1)/2, (height − 1)/2)`, then moved by `offset` chip pixels. A scale above 1 makes
    /// the face fill more of the chip; a positive `offset.y` moves it down. For tuning a template, not for use as is.
    public func adjusted(scale: Double, offset: Point2D = Point2D(x: 0, y: 0)) -> FaceTemplate {
        precondition(scale > 0 && scale.isFinite, "FaceTemplate \(name): scale \(scale) must be positive and finite")
        let centre = Point2D(x: Double(width - 1) / 2, y: Double(height - 1) / 2)
        let moved = points.map { point in
            Point2D(x: centre.x + scale * (point.x - centre.x) + offset.x,
                    y: centre.y + scale * (point.y - centre.y) + offset.y)
        }
        return FaceTemplate(
            name: "\(name)×\(scale)+(\(offset.x),\(offset.y))", width: width, height: height, points: moved,
            weights: weights, fitting: fitting)
    }
}

extension FaceTemplate {
    /// The same points fitted with other weights (one per point).
    public func reweighted(_ weights: [Double]) -> FaceTemplate {
        FaceTemplate(
            name: "\(name)-weights-\(weights.map { "\($0)" }.joined(separator: ","))", width: width, height: height,
            points: points, weights: weights, fitting: fitting)
    }
}
