import Foundation

/// Writes small 24-bit BMP files, the simplest picture format FFmpeg reads, for tests that need image files.
enum BMPFixture {
    /// A bottom-up BMP whose pixel (x, y), counted from the top left, is `colour(x, y)` as (r, g, b).
    static func bmp(width: Int, height: Int, colour: (Int, Int) -> (UInt8, UInt8, UInt8)) -> Data {
        let rowBytes = (width * 3 + 3) / 4 * 4
        var d = Data("BM".utf8)
        func le32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { d.append(contentsOf: $0) } }
        func le16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { d.append(contentsOf: $0) } }
        le32(54 + rowBytes * height); le32(0); le32(54)
        le32(40); le32(width); le32(height); le16(1); le16(24); le32(0); le32(rowBytes * height); le32(2835); le32(2835)
        le32(0); le32(0)
        for y in (0..<height).reversed() {
            var row = [UInt8]()
            row.reserveCapacity(rowBytes)
            for x in 0..<width {
                let (r, g, b) = colour(x, y)
                row += [b, g, r]
            }
            row += [UInt8](repeating: 0, count: rowBytes - row.count)
            d.append(contentsOf: row)
        }
        return d
    }
}
