import FaceVision
import Testing

@Suite struct DrawingTests {
    private let red: (r: UInt8, g: UInt8, b: UInt8) = (255, 0, 0)
    private let background: (r: UInt8, g: UInt8, b: UInt8) = (10, 20, 30)

    /// The pixels (x, y) that differ from the background.
    private func touched(_ image: RGBImage) -> Set<[Int]> {
        var result = Set<[Int]>()
        for y in 0..<image.height {
            for x in 0..<image.width where image[x, y] != background {
                result.insert([x, y])
            }
        }
        return result
    }

    private func pixels(columns: ClosedRange<Int>, rows: ClosedRange<Int>) -> Set<[Int]> {
        Set(columns.flatMap { x in rows.map { y in [x, y] } })
    }

    @Test func rectangleOutlineCoversExactlyItsBorder() {
        var image = RGBImage(width: 20, height: 15, fill: background)
        image.drawRectangle(Box(x: 3, y: 2, width: 10, height: 8), thickness: 2, color: red)
        let expected = pixels(columns: 3...12, rows: 2...9).subtracting(pixels(columns: 5...10, rows: 4...7))
        #expect(touched(image) == expected)
        #expect(image[3, 2] == red && image[12, 9] == red)
    }

    @Test func fractionalCoordinatesGoByPixelCentres() {
        var image = RGBImage(width: 12, height: 12, fill: background)
        // Centres 2.5 and 7.5 lie inside [2.4, 8.4); 8.5 does not.
        image.drawRectangle(Box(x: 2.4, y: 2.6, width: 6.0, height: 5.0), thickness: 1, color: red)
        let expected = pixels(columns: 2...7, rows: 3...7).subtracting(pixels(columns: 3...6, rows: 4...6))
        #expect(touched(image) == expected)
    }

    @Test func rectangleIsClippedToTheImage() {
        var image = RGBImage(width: 10, height: 8, fill: background)
        image.drawRectangle(Box(x: -5, y: 4, width: 12, height: 100), thickness: 1, color: red)
        // Left edge and bottom edge lie outside; what shows is the top row from 0 to 6 and the right column 6.
        let expected = pixels(columns: 0...6, rows: 4...4).union(pixels(columns: 6...6, rows: 4...7))
        #expect(touched(image) == expected)
    }

    @Test func rectangleThickerThanHalfItsSizeIsFilled() {
        var image = RGBImage(width: 10, height: 10, fill: background)
        image.drawRectangle(Box(x: 2, y: 2, width: 4, height: 3), thickness: 5, color: red)
        #expect(touched(image) == pixels(columns: 2...5, rows: 2...4))
    }

    @Test func rectangleEntirelyOutsideOrDegenerateDrawsNothing() {
        var image = RGBImage(width: 10, height: 10, fill: background)
        image.drawRectangle(Box(x: 20, y: 2, width: 4, height: 3), thickness: 1, color: red)
        image.drawRectangle(Box(x: -9, y: -9, width: 4, height: 3), thickness: 1, color: red)
        image.drawRectangle(Box(x: 2, y: 2, width: 0, height: 3), thickness: 1, color: red)
        image.drawRectangle(Box(x: 2, y: 2, width: 5, height: 5), thickness: 0, color: red)
        image.drawRectangle(Box(x: .nan, y: 2, width: 5, height: 5), thickness: 1, color: red)
        image.drawRectangle(Box(x: 1, y: 1, width: .infinity, height: 5), thickness: 1, color: red)
        #expect(touched(image).isEmpty)
    }

    @Test func dotCoversPixelsWhoseCentresAreWithinTheRadius() {
        var image = RGBImage(width: 11, height: 11, fill: background)
        image.drawDot(at: Point2D(x: 5.5, y: 5.5), radius: 2, color: red)
        // Centre pixel (5, 5); offsets with dx² + dy² <= 4.
        var expected = Set<[Int]>()
        for dx in -2...2 { for dy in -2...2 where dx * dx + dy * dy <= 4 { expected.insert([5 + dx, 5 + dy]) } }
        #expect(touched(image) == expected)
        #expect(expected.count == 13)
    }

    @Test func tinyDotStillMarksThePixelContainingIt() {
        var image = RGBImage(width: 6, height: 6, fill: background)
        image.drawDot(at: Point2D(x: 3.0, y: 1.0), radius: 0.2, color: red)
        #expect(touched(image) == [[3, 1]])
    }

    @Test func dotIsClippedToTheImage() {
        var image = RGBImage(width: 6, height: 6, fill: background)
        image.drawDot(at: Point2D(x: 0, y: 6), radius: 1.2, color: red)
        #expect(touched(image) == [[0, 5]])
        image.drawDot(at: Point2D(x: -20, y: 3), radius: 2, color: red)
        image.drawDot(at: Point2D(x: .nan, y: 3), radius: 2, color: red)
        #expect(touched(image) == [[0, 5]])
    }

    @Test func annotationDrawsBoxesAndLandmarksOnACopy() {
        let image = RGBImage(width: 40, height: 30, fill: background)
        let face = DetectedFace(
            box: Box(x: 10, y: 5, width: 20, height: 20), score: 0.99,
            landmarks: [Point2D(x: 15.5, y: 12.5), Point2D(x: 25.5, y: 12.5)])
        let annotated = Annotation.draw([face], on: image)
        #expect(touched(image).isEmpty)
        #expect(annotated[10, 5] == Annotation.boxColor && annotated[29, 24] == Annotation.boxColor)
        #expect(annotated[15, 12] == Annotation.landmarkColor && annotated[25, 12] == Annotation.landmarkColor)
        #expect(annotated[20, 15] == background && annotated[5, 5] == background)
    }
}
