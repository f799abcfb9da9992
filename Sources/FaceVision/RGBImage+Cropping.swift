extension RGBImage {
    /// The pixels of the rectangle with top-left corner (`x`, `y`), `width` × `height`, which must lie inside the
    /// image.
    public func cropped(x: Int, y: Int, width: Int, height: Int) -> RGBImage {
        precondition(x >= 0 && y >= 0 && width >= 0 && height >= 0 && x + width <= self.width && y + height <= self.height,
                     "RGBImage: \(width)×\(height) at (\(x), \(y)) is not inside a \(self.width)×\(self.height) image")
        let rowBytes = width * 3
        guard rowBytes > 0, height > 0 else { return RGBImage(width: width, height: height, pixels: []) }
        var result = [UInt8](repeating: 0, count: rowBytes * height)
        pixels.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { target in
                for row in 0..<height {
                    let from = ((y + row) * self.width + x) * 3
                    target.baseAddress!.advanced(by: row * rowBytes).update(from: source.baseAddress!.advanced(by: from), count: rowBytes)
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: result)
    }
}
