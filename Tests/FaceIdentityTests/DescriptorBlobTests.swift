import Foundation
import Testing
@testable import FaceIdentity

struct DescriptorBlobTests {
    @Test func valuesAreLittleEndianFloat32() {
        let blob = DescriptorBlob.encode([1, -2, 0.5])
        #expect([UInt8](blob) == [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00, 0x3F])
    }

    @Test func decodingRoundTripsExactly() {
        let vector: [Float] = [0, -0.0, .pi, -1e-30, 3.4e38, .leastNonzeroMagnitude]
        let decoded = DescriptorBlob.decode(DescriptorBlob.encode(vector), dimension: vector.count)
        #expect(decoded?.map(\.bitPattern) == vector.map(\.bitPattern))
    }

    @Test func wrongLengthIsRefused() {
        #expect(DescriptorBlob.decode(Data([0, 0, 0x80, 0x3F, 0]), dimension: 1) == nil)
        #expect(DescriptorBlob.decode(DescriptorBlob.encode([1, 2]), dimension: 3) == nil)
    }
}
