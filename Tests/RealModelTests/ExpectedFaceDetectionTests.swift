import FaceMedia
@testable import FaceVision
import Testing

/// Finishing a full detection where a tracker expects faces: O-Net examines the best of R-Net's candidates on
/// each expected face first, the others only when it rejects that one, and finds the same faces as the plain
/// cascade.
@Suite struct ExpectedFaceDetectionTests {
    let detector: MTCNNDetector
    /// The astronaut portrait beside its mirror image: two faces, 512 pixels apart.
    let pair: RGBImage

    init() throws {
        detector = try MTCNNDetector(modelsDirectory: TestEnvironment.modelsDirectory)
        let portrait = try ImageFile.decode(path: TestEnvironment.astronaut)
        let mirror = portrait.flippedHorizontally()
        let row = portrait.width * 3
        var pixels = [UInt8]()
        pixels.reserveCapacity(portrait.pixels.count * 2)
        for y in 0..<portrait.height {
            pixels += portrait.pixels[y * row..<(y + 1) * row]
            pixels += mirror.pixels[y * row..<(y + 1) * row]
        }
        pair = RGBImage(width: portrait.width * 2, height: portrait.height, pixels: pixels)
    }

    @Test func withNothingExpectedItIsThePlainDetection() throws {
        let plain = try detector.detect(pair)
        #expect(plain.count == 2)
        #expect(try detector.detect(pair, proposals: detector.proposals(pair), expecting: []) == plain)
    }

    @Test func expectedFacesAreFoundWithFewerONetPasses() throws {
        let plain = try detector.detect(pair)
        try #require(plain.count == 2)
        let proposals = try detector.proposals(pair)
        // Where a tracker predicts the faces: near, not exactly on, the cascade's boxes.
        let expected = plain.map { Box(x: $0.box.x + 3, y: $0.box.y - 2, width: $0.box.width * 1.05, height: $0.box.height) }
        var everything = MTCNNProfile(), thinned = MTCNNProfile()
        _ = try detector.detect(pair, proposals: proposals, expecting: [], options: MTCNNOptions(), profile: &everything)
        let found = try detector.detect(pair, proposals: proposals, expecting: expected, options: MTCNNOptions(), profile: &thinned)
        try #require(found.count == 2)
        for face in plain {
            let same = try #require(found.max { $0.box.intersectionOverUnion(face.box) < $1.box.intersectionOverUnion(face.box) })
            #expect(same.box.intersectionOverUnion(face.box) > 0.9)
            #expect(same.landmarks.count == 5)
        }
        #expect(thinned.onetCandidates < everything.onetCandidates)
        #expect(thinned.onetCandidates >= 2)
    }

    @Test func theOtherCandidatesAreExaminedWhenTheBestIsRejected() throws {
        let proposals = try detector.proposals(pair)
        let face = try #require(try detector.detect(pair).first)
        let rounds = MTCNNDetector.rounds(proposals.candidates, around: [face.box])
        let best = try #require(rounds.best[0])
        try #require(!rounds.reserves[0].isEmpty)
        // O-Net's scores of the face's candidates: set its threshold between the best candidate's and a better one.
        var scoring = MTCNNOptions()
        scoring.thresholds.onet = 0.01
        var profile = MTCNNProfile()
        let scores = try ([best] + rounds.reserves[0]).map { index in
            try detector.onetPasses(pair, [proposals.candidates[index]], options: scoring, profile: &profile).first?.score ?? 0
        }
        let better = try #require(scores.dropFirst().max())
        try #require(better > scores[0], "no candidate on the face scores above R-Net's best one")
        var options = MTCNNOptions()
        options.thresholds.onet = (scores[0] + better) / 2
        let found = try detector.detect(pair, proposals: proposals, expecting: [face.box], options: options)
        #expect(found.contains { $0.box.intersectionOverUnion(face.box) > 0.7 })
    }

    @Test func eachExpectedFaceKeepsItsBestCandidateAndTheRestStayInReserve() {
        func candidate(_ x: Double, _ y: Double, side: Double, score: Double) -> CandidateBox {
            CandidateBox(x1: x, y1: y, x2: x + side, y2: y + side, score: score)
        }
        let candidates = [
            candidate(100, 100, side: 50, score: 0.8),  // on the first expected face
            candidate(103, 98, side: 50, score: 0.9),   // on it too, better
            candidate(300, 300, side: 40, score: 0.75), // elsewhere
            candidate(98, 104, side: 52, score: 0.85),  // on the first face again
            candidate(500, 100, side: 30, score: 0.95), // on the second expected face
        ]
        let expected = [Box(x: 101, y: 101, width: 50, height: 50), Box(x: 502, y: 99, width: 30, height: 30)]
        let rounds = MTCNNDetector.rounds(candidates, around: expected)
        #expect(rounds.first == [1, 2, 4])
        #expect(rounds.best == [1, 4])
        #expect(rounds.reserves == [[0, 3], []])
        let nothing = MTCNNDetector.rounds(candidates, around: [])
        #expect(nothing.first == Array(0..<5) && nothing.best.isEmpty && nothing.reserves.isEmpty)
    }
}
