import FaceMedia
@testable import FaceVision
import Testing

/// Re-finding tracked faces between full detections: O-Net alone on predicted regions, and the cascade on a
/// window around a prediction O-Net missed.
@Suite struct RegionRefinementTests {
    let detector: MTCNNDetector

    init() throws {
        detector = try MTCNNDetector(modelsDirectory: TestEnvironment.modelsDirectory)
    }

    @Test func aShiftedBoxIsPulledBackOntoTheFace() throws {
        let image = try ImageFile.decode(path: TestEnvironment.astronaut)
        let face = try #require(try detector.detect(image).first)
        let b = face.box
        // Where a tracker might predict the face one frame later: moved by a tenth of its size, a little larger.
        let predicted = Box(x: b.x + 0.1 * b.width, y: b.y - 0.1 * b.height, width: b.width * 1.1, height: b.height * 1.1)
        let found = try detector.faces(in: image, regions: [predicted])
        let refined = try #require(found.first ?? nil)
        #expect(refined.box.intersectionOverUnion(b) > predicted.intersectionOverUnion(b))
        #expect(refined.box.intersectionOverUnion(b) > 0.8)
        #expect(refined.landmarks.count == 5)
        for (a, e) in zip(refined.landmarks, face.landmarks) {
            #expect(abs(a.x - e.x) < 0.05 * b.width && abs(a.y - e.y) < 0.05 * b.height)
        }
    }

    @Test func aRegionWithoutAFaceGivesNothing() throws {
        let image = try ImageFile.decode(path: TestEnvironment.astronaut)
        let face = try #require(try detector.detect(image).first)
        // The lower left of the portrait is the spacesuit and the flag; the top left corner, the background.
        let regions = [Box(x: 10, y: 400, width: 80, height: 80), face.box, Box(x: 0, y: 0, width: 60, height: 60)]
        let found = try detector.faces(in: image, regions: regions)
        #expect(found.count == 3)
        #expect(found[0] == nil)
        #expect(found[1] != nil)
        #expect(found[2] == nil)
    }

    // The cascade on a window around a face the tracker expected, for faces of about its size: how a face that
    // moved further than predicted is found again between full detections.

    @Test func aFaceFarFromItsPredictionIsFoundAgain() throws {
        let image = try ImageFile.decode(path: TestEnvironment.astronaut)
        let face = try #require(try detector.detect(image).first)
        let b = face.box
        // The prediction lies most of a face to the left and above: O-Net on it alone misses the face.
        let predicted = Box(x: b.x - 0.7 * b.width, y: b.y - 0.4 * b.height, width: b.width, height: b.height)
        #expect(try detector.faces(in: image, regions: [predicted]) == [nil])
        let found = try detector.detect(image, near: predicted)
        let again = try #require(found.first)
        #expect(found.count == 1)
        #expect(again.box.intersectionOverUnion(b) > 0.9)
        for (a, e) in zip(again.landmarks, face.landmarks) {
            #expect(abs(a.x - e.x) < 0.05 * b.width && abs(a.y - e.y) < 0.05 * b.height)
        }
    }

    @Test func theWindowIsClippedToTheImage() {
        let corner = MTCNNDetector.searchWindow(around: Box(x: -10, y: 5, width: 40, height: 40), side: 120, width: 100, height: 80)
        #expect(corner.x == 0 && corner.y == 0 && corner.width == 70 && corner.height == 80)
        let outside = MTCNNDetector.searchWindow(around: Box(x: 500, y: 500, width: 10, height: 10), side: 30, width: 100, height: 80)
        #expect(outside.width == 0 && outside.height == 0)
    }
}
