/// Hand-built file headers that claim huge pictures while carrying almost no data.
enum CraftedHeaders {
    /// A PNG signature, an IHDR chunk with a correct CRC claiming `width`×`height` 8-bit RGB, and IEND.
    static func png(width: UInt32, height: UInt32) -> [UInt8] {
        var header = bigEndian(width) + bigEndian(height)
        header += [8, 2, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IEND", [])
    }

    /// A BITMAPFILEHEADER and BITMAPINFOHEADER claiming `width`×`height` 24-bit pixels, followed by a few bytes.
    static func bmp(width: Int32, height: Int32) -> [UInt8] {
        let rowBytes = (Int(width) * 3 + 3) / 4 * 4
        let imageBytes = UInt32(truncatingIfNeeded: rowBytes * Int(height))
        var bytes: [UInt8] = Array("BM".utf8)
        bytes += littleEndian(UInt32(truncatingIfNeeded: 54 + Int(imageBytes))) + littleEndian(UInt32(0)) + littleEndian(UInt32(54))
        bytes += littleEndian(UInt32(40)) + littleEndian(UInt32(bitPattern: width)) + littleEndian(UInt32(bitPattern: height))
        bytes += [1, 0, 24, 0] + littleEndian(UInt32(0)) + littleEndian(imageBytes)
        bytes += littleEndian(UInt32(2835)) + littleEndian(UInt32(2835)) + littleEndian(UInt32(0)) + littleEndian(UInt32(0))
        return bytes + [UInt8](repeating: 0x40, count: 64)
    }

    /// A valid one-pixel GIF whose logical screen descriptor claims `width`×`height`.
    static func gif(screenWidth width: UInt16, screenHeight height: UInt16) -> [UInt8] {
        var bytes: [UInt8] = Array("GIF89a".utf8)
        bytes += [UInt8(width & 0xFF), UInt8(width >> 8), UInt8(height & 0xFF), UInt8(height >> 8)]
        bytes += [0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00]
        bytes += [0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
        bytes += [0x02, 0x02, 0x44, 0x01, 0x00, 0x3B]
        return bytes
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(crc32(typeBytes + data))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
    private static func littleEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
}
