import Foundation

/// The on-disk form of a descriptor: its values as little-endian IEEE-754 Float32, back to back, no header.
enum DescriptorBlob {
    static func encode(_ vector: [Float]) -> Data {
        var data = Data(count: vector.count * MemoryLayout<UInt32>.size)
        data.withUnsafeMutableBytes { bytes in
            for (index, value) in vector.enumerated() {
                bytes.storeBytes(
                    of: value.bitPattern.littleEndian, toByteOffset: index * MemoryLayout<UInt32>.size, as: UInt32.self)
            }
        }
        return data
    }

    /// Appends the values of `bytes` to `destination`; false (and nothing appended) when the length is not
    /// `dimension` Float32 values.
    static func append(_ bytes: UnsafeRawBufferPointer, dimension: Int, to destination: inout [Float]) -> Bool {
        guard bytes.count == dimension * MemoryLayout<UInt32>.size else { return false }
        for index in 0..<dimension {
            let bits = bytes.loadUnaligned(fromByteOffset: index * MemoryLayout<UInt32>.size, as: UInt32.self)
            destination.append(Float(bitPattern: UInt32(littleEndian: bits)))
        }
        return true
    }

    static func decode(_ data: Data, dimension: Int) -> [Float]? {
        var vector: [Float] = []
        vector.reserveCapacity(dimension)
        let complete = data.withUnsafeBytes { append($0, dimension: dimension, to: &vector) }
        return complete ? vector : nil
    }
}
