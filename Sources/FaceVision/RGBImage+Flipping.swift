extension RGBImage {
    /// The image mirrored left to right: pixel `(x, y)` of the result is pixel `(width − 1 − x, y)` of this one.
    public func flippedHorizontally() -> RGBImage {
        let rowLength = width * 3
        var flipped = [UInt8](repeating: 0, count: pixels.count)
        pixels.withUnsafeBufferPointer { source in
            flipped.withUnsafeMutableBufferPointer { target in
                for row in 0..<height {
                    let start = row * rowLength
                    for column in 0..<width {
                        let from = start + column * 3, to = start + (width - 1 - column) * 3
                        target[to] = source[from]
                        target[to + 1] = source[from + 1]
                        target[to + 2] = source[from + 2]
                    }
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: flipped)
    }
}
