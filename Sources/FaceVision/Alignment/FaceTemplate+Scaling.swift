extension FaceTemplate {
    /// The same template on a square chip of another size: every point scaled by `side / width`. For a model
    /// trained on, say, 128×128 crops of insightface's 112×112 framing.
    public func scaled(toSide side: Int) -> FaceTemplate {
        precondition(width == height, "FaceTemplate \(name): only square templates scale to a square chip")
        guard side != width else { return self }
        let factor = Double(side) / Double(width)
        return FaceTemplate(
            name: "\(name)@\(side)", width: side, height: side,
            points: points.map { Point2D(x: $0.x * factor, y: $0.y * factor) }, weights: weights, fitting: fitting)
    }
}
