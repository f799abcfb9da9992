import FaceVision
import Testing

@Suite struct MirrorAveragedEmbedderTests {
    /// A stand-in for a network: three numbers that change when a chip is mirrored (the mean red of its left and
    /// right halves, the mean green of its top-left quarter), optionally scaled to unit length.
    struct HalvesEmbedder: FaceEmbedder {
        var aligner = FaceAligner(template: .dlib150)
        var descriptorLength: Int { 3 }
        var modelName: String { "halves" }
        var suggestedThreshold: Float? { 0.25 }
        var unitLength = false
        var descriptorsAreUnitLength: Bool { unitLength }

        func descriptors(ofChips chips: [RGBImage]) throws(VisionError) -> [[Float]] {
            chips.map { chip in
                var left: Float = 0, right: Float = 0, quarter: Float = 0
                for y in 0..<chip.height {
                    for x in 0..<chip.width {
                        let red = Float(chip[x, y].r) / 255
                        if x < chip.width / 2 { left += red } else { right += red }
                        if x < chip.width / 2, y < chip.height / 2 { quarter += Float(chip[x, y].g) / 255 }
                    }
                }
                let count = Float(chip.width * chip.height)
                let values = [2 * left / count, 2 * right / count, 4 * quarter / count]
                return unitLength ? L2Normalization.normalized(values) : values
            }
        }
    }

    private static let photo: RGBImage = {
        var image = RGBImage(width: 120, height: 110)
        for y in 0..<image.height {
            for x in 0..<image.width { image[x, y] = (UInt8(x * 2), UInt8((x + 3 * y) % 256), 9) }
        }
        return image
    }()

    private static let face = DetectedFace(
        box: Box(x: 30, y: 20, width: 60, height: 70), score: 0.99,
        landmarks: [Point2D(x: 45, y: 45), Point2D(x: 75, y: 47), Point2D(x: 60, y: 62), Point2D(x: 48, y: 78), Point2D(x: 72, y: 79)])

    private static func mean(_ a: [Float], _ b: [Float]) -> [Float] { zip(a, b).map { ($0 + $1) / 2 } }

    private static func expectClose(_ a: [Float], _ b: [Float], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-5 }, "\(a) vs \(b)",
                sourceLocation: sourceLocation)
    }

    @Test func aFaceIsAveragedWithItsMirrorImage() throws {
        let base = HalvesEmbedder()
        let averaged = MirrorAveragedEmbedder(base)
        let plainChip = try base.aligner.align(Self.photo, landmarks: Self.face.landmarks)
        let mirrorChip = try base.aligner.alignMirrored(Self.photo, landmarks: Self.face.landmarks)
        let plain = try base.descriptors(ofChips: [plainChip])[0], mirrored = try base.descriptors(ofChips: [mirrorChip])[0]
        #expect(abs(plain[0] - mirrored[0]) > 0.05, "the stand-in must see the difference")

        let result = try averaged.descriptors(of: [Self.face, Self.face], in: Self.photo)
        #expect(result.count == 2)
        Self.expectClose(result[0], Self.mean(plain, mirrored))
        Self.expectClose(result[1], result[0])
    }

    @Test func alignedChipsAreAveragedWithTheirFlip() throws {
        let base = HalvesEmbedder()
        let chip = try base.aligner.align(Self.photo, landmarks: Self.face.landmarks)
        let result = try MirrorAveragedEmbedder(base).descriptors(ofChips: [chip])
        let expected = Self.mean(try base.descriptors(ofChips: [chip])[0], try base.descriptors(ofChips: [chip.flippedHorizontally()])[0])
        #expect(result.count == 1)
        Self.expectClose(result[0], expected)
    }

    @Test func unitLengthDescriptorsStayUnitLength() throws {
        let base = HalvesEmbedder(unitLength: true)
        let result = try MirrorAveragedEmbedder(base).descriptors(of: [Self.face], in: Self.photo)[0]
        let length = result.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(length - 1) < 1e-5)
        let plainOnly = try base.descriptors(of: [Self.face], in: Self.photo)[0]
        #expect(zip(result, plainOnly).contains { abs($0 - $1) > 1e-3 })
    }

    @Test func theNameSaysDescriptorsAreNotTheBaseModels() {
        let averaged = MirrorAveragedEmbedder(HalvesEmbedder())
        #expect(averaged.modelName == "halves+mirror-average")
        #expect(averaged.descriptorLength == 3 && averaged.suggestedThreshold == 0.25)
        #expect(averaged.aligner.template == .dlib150)
    }

    @Test func noFacesGiveNoDescriptors() throws {
        #expect(try MirrorAveragedEmbedder(HalvesEmbedder()).descriptors(of: [], in: Self.photo).isEmpty)
    }
}
