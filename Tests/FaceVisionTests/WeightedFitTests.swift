import FaceVision
import Testing

@Suite struct WeightedFitTests {
    private let source = [
        Point2D(x: 38, y: 52), Point2D(x: 74, y: 51), Point2D(x: 56, y: 72), Point2D(x: 41, y: 92), Point2D(x: 71, y: 93),
    ]
    /// The source moved by a similarity, then disturbed unevenly so that weights change the best fit.
    private var target: [Point2D] {
        let truth = SimilarityTransform(scale: 1.3, angle: 0.2, translation: Point2D(x: 5, y: -8))
        let noise = [(0.4, -0.2), (-0.3, 0.5), (4.0, 2.5), (-2.2, 3.1), (1.7, -2.6)]
        return zip(source.map(truth.apply), noise).map { Point2D(x: $0.x + $1.0, y: $0.y + $1.1) }
    }

    private func expectSame(_ t: SimilarityTransform, _ u: SimilarityTransform, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(t.a - u.a) < 1e-12 && abs(t.b - u.b) < 1e-12 && abs(t.tx - u.tx) < 1e-9 && abs(t.ty - u.ty) < 1e-9,
                "\(t) vs \(u)", sourceLocation: sourceLocation)
    }

    @Test func equalWeightsAreTheUnweightedFit() throws {
        expectSame(try .fit(from: source, to: target, weights: [3, 3, 3, 3, 3]), try .fit(from: source, to: target))
    }

    @Test func aZeroWeightLeavesThePointOut() throws {
        let weighted = try SimilarityTransform.fit(from: source, to: target, weights: [1, 1, 0, 1, 1])
        let without = try SimilarityTransform.fit(
            from: [source[0], source[1], source[3], source[4]], to: [target[0], target[1], target[3], target[4]])
        expectSame(weighted, without)
    }

    @Test func weightTwoCountsThePointTwice() throws {
        let weighted = try SimilarityTransform.fit(from: source, to: target, weights: [1, 2, 1, 1, 2])
        let repeated = try SimilarityTransform.fit(from: source + [source[1], source[4]], to: target + [target[1], target[4]])
        expectSame(weighted, repeated)
    }

    @Test func weightsMoveTheFitTowardsTheTrustedPoints() throws {
        func error(_ t: SimilarityTransform, at indices: [Int]) -> Double {
            indices.reduce(0) { sum, i in
                let p = t.apply(source[i])
                return sum + (p.x - target[i].x) * (p.x - target[i].x) + (p.y - target[i].y) * (p.y - target[i].y)
            }
        }
        let plain = try SimilarityTransform.fit(from: source, to: target)
        let eyesTrusted = try SimilarityTransform.fit(from: source, to: target, weights: [1, 1, 0.1, 0.1, 0.1])
        #expect(error(eyesTrusted, at: [0, 1]) < error(plain, at: [0, 1]))
        #expect(error(eyesTrusted, at: [0, 1, 2, 3, 4]) > error(plain, at: [0, 1, 2, 3, 4]))
    }

    @Test func badWeightsAreNamed() {
        #expect(throws: AlignmentError("similarity fit", .weightCountMismatch(points: 5, weights: 4))) {
            try SimilarityTransform.fit(from: source, to: target, weights: [1, 1, 1, 1])
        }
        #expect(throws: AlignmentError("similarity fit", .invalidWeight(index: 2))) {
            try SimilarityTransform.fit(from: source, to: target, weights: [1, 1, -1, 1, 1])
        }
        #expect(throws: AlignmentError("similarity fit", .invalidWeight(index: 0))) {
            try SimilarityTransform.fit(from: source, to: target, weights: [.nan, 1, 1, 1, 1])
        }
        #expect(throws: AlignmentError("similarity fit", .tooFewPoints(1))) {
            try SimilarityTransform.fit(from: source, to: target, weights: [0, 0, 5, 0, 0])
        }
        let message = AlignmentError("similarity fit", .weightCountMismatch(points: 5, weights: 4)).description
        #expect(message == "similarity fit: 5 point pairs but 4 weights")
    }

    @Test func theAlignerFitsWithTheTemplatesWeights() throws {
        let plain = FaceTemplate(name: "plain", width: 120, height: 120, points: source, fitting: .landmarksToTemplate)
        let weights = [1, 1, 0.25, 0.05, 0.05]
        let weighted = plain.reweighted(weights)
        let expected = try SimilarityTransform.fit(from: target, to: source, weights: weights).inverted()
        expectSame(try FaceAligner(template: weighted).chipToImage(landmarks: target), expected)
        #expect(weighted.adjusted(scale: 1.1).weights == weights)
        #expect(weighted.scaled(toSide: 60).weights == weights)
        #expect(plain.weights == [1, 1, 1, 1, 1])
    }
}
