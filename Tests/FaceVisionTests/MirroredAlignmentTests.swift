import FaceVision
import Testing

@Suite struct MirroredAlignmentTests {
    /// A 97×83 photo of smooth gradients and noise, so that every chip pixel depends on where it was sampled.
    private static let photo: RGBImage = {
        var random = SeededRandom(seed: 7)
        var image = RGBImage(width: 97, height: 83)
        for y in 0..<image.height {
            for x in 0..<image.width {
                image[x, y] = (UInt8(x * 2 + Int(random.next(in: 0...40))), UInt8(y * 3),
                               UInt8((x * y) % 200 + Int(random.next(in: 0...50))))
            }
        }
        return image
    }()

    /// A slightly turned face with uneven landmarks, well inside the photo.
    private static let landmarks = [
        Point2D(x: 35.3, y: 30.1), Point2D(x: 61.8, y: 33.7), Point2D(x: 47.2, y: 47.9),
        Point2D(x: 37.6, y: 60.4), Point2D(x: 58.9, y: 62.2),
    ]

    /// The face's landmarks in the photo flipped left to right: x → width − 1 − x, and the image-left eye and
    /// mouth corner become the image-right ones.
    private static func landmarksInFlippedPhoto(_ points: [Point2D], width: Int) -> [Point2D] {
        let flipped = points.map { Point2D(x: Double(width - 1) - $0.x, y: $0.y) }
        return [flipped[1], flipped[0], flipped[2], flipped[4], flipped[3]]
    }

    private static func largestDifference(_ a: RGBImage, _ b: RGBImage) -> Int {
        zip(a.pixels, b.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
    }

    @Test func flippingReversesEveryRow() {
        let image = RGBImage(width: 3, height: 2, pixels: Array(0..<18))
        let flipped = image.flippedHorizontally()
        #expect(flipped.pixels == [6, 7, 8, 3, 4, 5, 0, 1, 2, 15, 16, 17, 12, 13, 14, 9, 10, 11])
        #expect(flipped.flippedHorizontally() == image)
    }

    @Test(arguments: [FaceTemplate.dlib150, FaceTemplate.dlibChip(size: 150, padding: 0.25), FaceTemplate.arcFace112])
    func mirroredChipIsTheChipOfTheFlippedPhoto(template: FaceTemplate) throws {
        let aligner = FaceAligner(template: template, border: 30)
        let photo = Self.photo
        let mirrored = try aligner.alignMirrored(photo, landmarks: Self.landmarks)
        let expected = try aligner.align(
            photo.flippedHorizontally(), landmarks: Self.landmarksInFlippedPhoto(Self.landmarks, width: photo.width))
        #expect(Self.largestDifference(mirrored, expected) <= 1)
        let plain = try aligner.align(photo, landmarks: Self.landmarks)
        #expect(Self.largestDifference(mirrored, plain) > 20, "the mirror image of an asymmetric face is another chip")
    }

    @Test func withASymmetricTemplateTheMirroredChipIsTheChipFlipped() throws {
        // Every point is the mirror image of its partner about the chip's centre line x = 74.5.
        let symmetric = FaceTemplate(
            name: "symmetric", width: 150, height: 150,
            points: [Point2D(x: 40, y: 50), Point2D(x: 109, y: 50), Point2D(x: 74.5, y: 80), Point2D(x: 50, y: 110), Point2D(x: 99, y: 110)],
            fitting: .landmarksToTemplate)
        let aligner = FaceAligner(template: symmetric)
        let mirrored = try aligner.alignMirrored(Self.photo, landmarks: Self.landmarks)
        let flipped = try aligner.align(Self.photo, landmarks: Self.landmarks).flippedHorizontally()
        #expect(Self.largestDifference(mirrored, flipped) <= 1)
    }

    @Test func mirroringNeedsFiveLandmarks() {
        let aligner = FaceAligner(template: .dlib150)
        #expect(throws: AlignmentError("mirrored alignment to template \(FaceTemplate.dlib150.name)", .landmarkCountMismatch(expected: 5, got: 4))) {
            try aligner.alignMirrored(Self.photo, landmarks: Array(Self.landmarks.prefix(4)))
        }
    }

    @Test func adjustingScalesAboutTheChipCentreThenShifts() {
        let template = FaceTemplate(
            name: "t", width: 11, height: 21, points: [Point2D(x: 5, y: 10), Point2D(x: 7, y: 4)],
            fitting: .landmarksToTemplate)
        let adjusted = template.adjusted(scale: 1.5, offset: Point2D(x: 1, y: -2))
        #expect(adjusted.points == [Point2D(x: 6, y: 8), Point2D(x: 9, y: -1)])
        #expect(adjusted.width == 11 && adjusted.height == 21 && adjusted.fitting == .landmarksToTemplate)
        #expect(template.adjusted(scale: 1).points == template.points)
    }

    @Test func anAdjustedTemplateFramesTheFaceLarger() throws {
        let plain = try FaceAligner(template: .dlib150).chipToImage(landmarks: Self.landmarks)
        let zoomed = try FaceAligner(template: FaceTemplate.dlib150.adjusted(scale: 1.25)).chipToImage(landmarks: Self.landmarks)
        #expect(abs(plain.scale / zoomed.scale - 1.25) < 1e-9)
        let centre = Point2D(x: 74.5, y: 74.5)
        let a = plain.apply(centre), b = zoomed.apply(centre)
        #expect(abs(a.x - b.x) < 1e-9 && abs(a.y - b.y) < 1e-9, "the chip centre shows the same spot")
    }
}
