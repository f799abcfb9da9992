extension FaceTemplate {
    /// The template on a `side × side` chip with a border of `margin` (a fraction of the template's width) around
    /// it on every side: the template's framing shrinks to `side / (1 + 2·margin)` pixels in the middle of the
    /// chip. Margin 0 is `scaled(toSide:)`; margin 0.1 on 112 pixels leaves the face in the central 93.
    public func scaled(toSide side: Int, margin: Double) -> FaceTemplate {
        precondition(margin >= 0, "FaceTemplate \(name): a negative margin")
        guard margin > 0 else { return scaled(toSide: side) }
        precondition(width == height, "FaceTemplate \(name): only square templates scale to a square chip")
        let factor = Double(side) / ((1 + 2 * margin) * Double(width))
        let shift = margin * Double(width)
        return FaceTemplate(
            name: "\(name)@\(side)+margin\(margin)", width: side, height: side,
            points: points.map { Point2D(x: ($0.x + shift) * factor, y: ($0.y + shift) * factor) }, fitting: fitting)
    }
}
