import Testing
@testable import FaceVision

/// The detector writes images and crops as channel planes for graphs stripped of their input transpose, and in
/// the files' own `[N, W, H, 3]` layout (x before y) for graphs that keep it.
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

    @Test func cropsInBothLayouts() {
        let boxes = [CandidateBox(x1: 1, y1: 2, x2: 4, y2: 9, score: 1), CandidateBox(x1: -2, y1: 5, x2: 6, y2: 14, score: 1)]
        let side = 6
        let planes = MTCNNDetector.crops(of: Self.image, boxes[...], side: side, planar: true)
        let interleaved = MTCNNDetector.crops(of: Self.image, boxes[...], side: side, planar: false)
        #expect(planes.shape == [2, 3, side, side] && interleaved.shape == [2, side, side, 3])
        for n in 0..<2 {
            for c in 0..<3 {
                for i in 0..<(side * side) {
                    #expect(planes.values[(n * 3 + c) * side * side + i] == interleaved.values[(n * side * side + i) * 3 + c])
                }
            }
        }
    }
}
