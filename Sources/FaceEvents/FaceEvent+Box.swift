extension FaceEvent {
    /// A face's bounding box `[x, y, w, h]` in the full-resolution frame's pixels, `x`/`y` its top-left corner.
    /// On the wire each number is rounded to one decimal (whole numbers are written without a fraction).
    public struct Box: Equatable, Sendable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double

        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }
    }
}
