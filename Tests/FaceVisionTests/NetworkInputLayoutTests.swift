import Testing
@testable import FaceVision

/// The detector writes images and crops as channel planes for graphs stripped of their input transpose, and in
/// the files' own `[N, W, H, 3]` layout (x before y) for graphs that keep it; crops also eight to a vector for
/// the batch-interleaved refinement graphs.
struct NetworkInputLayoutTests {
    static let image = RGBImage(width: 5, height: 11, pixels: (0..<(5 * 11 * 3)).map { UInt8(($0 * 37) % 256) })

    static func normalised(_ value: UInt8) -> Float { (Float(value) - 127.5) * 0.0078125 }

    @Test func imageInBothLayouts() {
        let w = Self.image.width, h = Self.image.height
        let planes = MTCNNDetector.networkInput(Self.image, planar: true)
        let interleaved = MTCNNDetector.networkInput(Self.image, planar: false)
        #expect(planes.shape == [1, 3, w, h] && interleaved.shape == [1, w, h, 3])
        for y in 0..<h {
            for x in 0..<w {
                for c in 0..<3 {
                    let expected = Self.normalised(Self.image.pixels[(y * w + x) * 3 + c])
                    #expect(planes.values[c * w * h + x * h + y] == expected)
                    #expect(interleaved.values[(x * h + y) * 3 + c] == expected)
                }
            }
        }
    }

    @Test func cropsInEveryLayout() {
        let boxes = (0..<9).map { (k: Int) -> CandidateBox in
            let left = Double(k % 3), top = Double(k)
            return CandidateBox(x1: left - 2, y1: top, x2: left + 3, y2: top + 4 + Double(k % 2), score: 1)
        }
        let side = 6, plane = side * side
        let planes = MTCNNDetector.crops(of: Self.image, boxes[...], side: side, layout: .planar)
        let channelsLast = MTCNNDetector.crops(of: Self.image, boxes[...], side: side, layout: .channelsLast)
        let batched = MTCNNDetector.crops(of: Self.image, boxes[...], side: side, layout: .batchInterleaved)
        #expect(planes.shape == [9, 3, side, side] && channelsLast.shape == [9, side, side, 3])
        #expect(batched.shape == [2, 3, side, side, 8])
        for n in 0..<9 {
            for c in 0..<3 {
                for i in 0..<plane {
                    let value: Float = planes.values[(n * 3 + c) * plane + i]
                    let lastIndex: Int = (n * plane + i) * 3 + c
                    let groupPixel: Int = ((n / 8) * 3 + c) * plane + i
                    #expect(value == channelsLast.values[lastIndex])
                    #expect(value == batched.values[groupPixel * 8 + n % 8])
                }
            }
        }
        // Lanes 1…7 of the second group hold no crop.
        let filler: [Float] = (0..<(3 * plane)).flatMap { (i: Int) -> [Float] in (1..<8).map { (lane: Int) -> Float in batched.values[(3 * plane + i) * 8 + lane] } }
        #expect(filler.allSatisfy { $0 == 0 })
    }
}
