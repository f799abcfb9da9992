import Testing
@testable import FaceVision

struct CascadeGeometryTests {
    func box(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, score: Double) -> CandidateBox {
        CandidateBox(x1: x1, y1: y1, x2: x2, y2: y2, score: score)
    }

    @Test func suppressionKeepsTheBestOfOverlappingBoxes() {
        let boxes = [
            box(0, 0, 9, 9, score: 0.8),
            box(1, 1, 10, 10, score: 0.9),   // IoU with the first: 81/119 ≈ 0.68
            box(50, 50, 59, 59, score: 0.7),
        ]
        #expect(NonMaximumSuppression.keep(boxes, threshold: 0.5, overlap: .union) == [1, 2])
        #expect(NonMaximumSuppression.keep(boxes, threshold: 0.7, overlap: .union) == [1, 0, 2])
    }

    @Test func minimumOverlapSuppressesNestedBoxes() {
        let boxes = [box(0, 0, 99, 99, score: 0.9), box(10, 10, 29, 29, score: 0.95)]
        // The small box lies wholly inside the large one: overlap over the smaller area is 1.
        #expect(NonMaximumSuppression.keep(boxes, threshold: 0.7, overlap: .minimum) == [1])
        #expect(NonMaximumSuppression.keep(boxes, threshold: 0.7, overlap: .union) == [1, 0])
    }

    @Test func regressionAndSquaring() {
        var b = box(10, 20, 29, 59, score: 1)
        b.regression = (0.1, -0.1, 0.1, 0.0)
        let plain = b.regressed(inclusive: false)          // w = 19, h = 39
        #expect(abs(plain.x1 - 11.9) < 1e-9 && abs(plain.y1 - 16.1) < 1e-9 && abs(plain.x2 - 30.9) < 1e-9 && plain.y2 == 59)
        let inclusive = b.regressed(inclusive: true)       // w = 20, h = 40
        #expect(abs(inclusive.x1 - 12) < 1e-9 && abs(inclusive.y1 - 16) < 1e-9)
        let square = box(10, 20, 30, 60, score: 1).squared()
        #expect(square.x1 == 0 && square.y1 == 20 && square.x2 == 40 && square.y2 == 60)
        let t = box(-1.7, 2.9, 3.5, -0.2, score: 1).truncated()
        #expect(t.x1 == -1 && t.y1 == 2 && t.x2 == 3 && t.y2 == 0)
    }

    @Test func pyramidStopsBelowTwelvePixels() {
        let scales = MTCNNOptions().pyramidScales(width: 548, height: 342)
        #expect(abs(scales[0] - 0.6) < 1e-12)
        #expect(abs(scales[1] - 0.6 * 0.709) < 1e-12)
        #expect(scales.allSatisfy { 342 * $0 >= 12 })
        #expect(342 * scales.last! * 0.709 < 12)
        #expect(MTCNNOptions(minimumFaceSize: 40).pyramidScales(width: 20, height: 20).isEmpty)
    }

    @Test func optionsAreValidated() {
        #expect(throws: VisionError.self) { try MTCNNOptions(minimumFaceSize: 5).validated() }
        #expect(throws: VisionError.self) { try MTCNNOptions(scaleFactor: 1.2).validated() }
        #expect(throws: VisionError.self) { try MTCNNOptions(thresholds: (0.6, 1.5, 0.7)).validated() }
    }

    @Test func iouOfBoxes() {
        let a = Box(x: 0, y: 0, width: 10, height: 10)
        #expect(a.intersectionOverUnion(a) == 1)
        #expect(a.intersectionOverUnion(Box(x: 5, y: 0, width: 10, height: 10)) == 50.0 / 150.0)
        #expect(a.intersectionOverUnion(Box(x: 20, y: 20, width: 1, height: 1)) == 0)
    }
}
