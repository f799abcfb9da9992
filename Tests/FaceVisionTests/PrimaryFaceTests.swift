import FaceVision
import Testing

@Suite struct PrimaryFaceTests {
    static func face(x: Double, y: Double, side: Double) -> DetectedFace {
        DetectedFace(box: Box(x: x, y: y, width: side, height: side), score: 0.9, landmarks: [])
    }

    @Test func theLargestFaceWinsWhenTheOthersAreClearlySmaller() {
        let faces = [Self.face(x: 90, y: 90, side: 20), Self.face(x: 0, y: 0, side: 50)]
        #expect(PrimaryFace.pick(from: faces, imageWidth: 200, imageHeight: 200) == faces[1])
    }

    @Test func amongFacesOfSimilarSizeTheMostCentralWins() {
        let faces = [Self.face(x: 0, y: 0, side: 50), Self.face(x: 80, y: 75, side: 46)]
        #expect(PrimaryFace.pick(from: faces, imageWidth: 200, imageHeight: 200) == faces[1])
        #expect(PrimaryFace.pick(from: [], imageWidth: 200, imageHeight: 200) == nil)
    }

    @Test func aMarginShrinksTheTemplateAboutTheChipCentre() {
        let plain = FaceTemplate.arcFace112.scaled(toSide: 112, margin: 0)
        #expect(plain == .arcFace112)
        let framed = FaceTemplate.arcFace112.scaled(toSide: 112, margin: 0.5)
        for (inner, outer) in zip(framed.points, FaceTemplate.arcFace112.points) {
            #expect(abs(inner.x - (outer.x / 2 + 28)) < 1e-9)
            #expect(abs(inner.y - (outer.y / 2 + 28)) < 1e-9)
        }
    }
}
