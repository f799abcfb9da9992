import FaceVision
import Testing

/// The eight turns and mirror images of a picture, on a 3 × 2 picture whose pixels are numbered 1…6.
@Suite struct PictureOrientationTests {
    /// Stored:  1 2 3
    ///          4 5 6
    static let stored = numbered([[1, 2, 3], [4, 5, 6]])

    static func numbered(_ rows: [[UInt8]]) -> RGBImage {
        RGBImage(width: rows[0].count, height: rows.count, pixels: rows.flatMap { $0.flatMap { [$0, $0 &* 2, $0 &* 3] } })
    }

    @Test(arguments: [
        (0, false, [[1, 2, 3], [4, 5, 6]]),
        (1, false, [[4, 1], [5, 2], [6, 3]]),
        (2, false, [[6, 5, 4], [3, 2, 1]]),
        (3, false, [[3, 6], [2, 5], [1, 4]]),
        (0, true, [[3, 2, 1], [6, 5, 4]]),
        (1, true, [[6, 3], [5, 2], [4, 1]]),
        (2, true, [[4, 5, 6], [1, 2, 3]]),
        (3, true, [[1, 4], [2, 5], [3, 6]]),
    ] as [(Int, Bool, [[UInt8]])])
    func turnsAndMirrorsMovePixelsWhereTheyShow(quarterTurns: Int, mirrored: Bool, shown: [[UInt8]]) {
        let orientation = PictureOrientation(quarterTurnsClockwise: quarterTurns, mirrored: mirrored)
        #expect(Self.stored.oriented(orientation) == Self.numbered(shown), "\(orientation)")
        #expect(orientation.swapsAxes == (quarterTurns % 2 == 1))
        let size = orientation.shownSize(width: 3, height: 2)
        #expect(size.width == shown[0].count && size.height == shown.count)
    }

    @Test func theEightAreDistinctAndTurnsWrapAround() {
        let all = (0..<4).flatMap { turns in [false, true].map { PictureOrientation(quarterTurnsClockwise: turns, mirrored: $0) } }
        #expect(Set(all).count == 8)
        #expect(PictureOrientation(quarterTurnsClockwise: 4) == .upright)
        #expect(PictureOrientation(quarterTurnsClockwise: -1) == PictureOrientation(quarterTurnsClockwise: 3))
        #expect(PictureOrientation(quarterTurnsClockwise: 0) == .upright)
    }

    /// Turning by one orientation and then by another is turning by the two composed, for all 64 pairs.
    @Test func followedByComposesTheTwoTurns() {
        let all = (0..<4).flatMap { turns in [false, true].map { PictureOrientation(quarterTurnsClockwise: turns, mirrored: $0) } }
        for first in all {
            for second in all {
                #expect(Self.stored.oriented(first).oriented(second) == Self.stored.oriented(first.followed(by: second)), "\(first), then \(second)")
            }
        }
        let quarter = PictureOrientation(quarterTurnsClockwise: 1)
        #expect(quarter.followed(by: quarter) == PictureOrientation(quarterTurnsClockwise: 2))
        #expect(quarter.followed(by: PictureOrientation(quarterTurnsClockwise: 3)) == .upright)
        #expect(PictureOrientation(quarterTurnsClockwise: 0, mirrored: true).followed(by: PictureOrientation(quarterTurnsClockwise: 0, mirrored: true)) == .upright)
    }

    @Test func coefficientsThatAreNoGridSymmetryAreRefused() {
        #expect(PictureOrientation(columnToX: 1, rowToX: 0, columnToY: 0, rowToY: 1) == .upright)
        #expect(PictureOrientation(columnToX: 0, rowToX: -1, columnToY: 1, rowToY: 0) == PictureOrientation(quarterTurnsClockwise: 1))
        #expect(PictureOrientation(columnToX: 1, rowToX: 1, columnToY: 0, rowToY: 1) == nil)
        #expect(PictureOrientation(columnToX: 1, rowToX: 0, columnToY: 1, rowToY: 0) == nil)
        #expect(PictureOrientation(columnToX: 2, rowToX: 0, columnToY: 0, rowToY: 1) == nil)
        #expect(PictureOrientation(columnToX: 0, rowToX: 0, columnToY: 0, rowToY: 0) == nil)
    }

    @Test func descriptionsSayTheTurnAndTheMirror() {
        #expect(PictureOrientation.upright.description == "upright")
        #expect(PictureOrientation(quarterTurnsClockwise: 1).description == "turned 90° clockwise")
        #expect(PictureOrientation(quarterTurnsClockwise: 2, mirrored: true).description == "mirrored, then turned 180° clockwise")
    }

    @Test func anUprightPictureIsItself() {
        #expect(Self.stored.oriented(.upright) == Self.stored)
        let empty = RGBImage(width: 0, height: 0, pixels: [])
        #expect(empty.oriented(PictureOrientation(quarterTurnsClockwise: 1)) == empty)
    }
}
