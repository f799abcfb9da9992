import FaceTrain
import NeuralEngine
import Testing

@Suite struct TripletSelectionTests {
    /// Seven 2-D embeddings of three people, margin α = 0.75 (every value below is exact in binary):
    ///
    ///     A: 0 (0, 0)   1 (0.5, 0)   2 (1, 0)        C: 3 (0, −1)   4 (0, −1.5)        D: 5 (1.25, 0.5)   6 (1.25, 1.25)
    ///
    /// Squared distances to the other people, and what each anchor–positive pair admits
    /// (facenet: d(a, n) < d(a, p) + α; semihard: d(a, p) < d(a, n) < d(a, p) + α):
    /// - (0, 1), d = 0.25: from 0, image 3 is at 1 = 0.25 + α exactly, so neither rule admits it; 4, 5, 6 are at
    ///   2.25, 1.8125, 3.125. Dropped.
    /// - (0, 2), d = 1: image 3 at 1 is < 1.75 (facenet admits it, a hard negative) but not > 1 (semihard does not).
    ///   facenet (0, 2, 3); semihard drops the pair.
    /// - (1, 2), d = 0.25: from 1, image 5 at 0.8125 lies in (0.25, 1); 3, 4, 6 are at 1.25, 2.5, 2.125. Both (1, 2, 5).
    /// - (3, 4), d = 0.25: from 3, image 0 at 1 is again exactly on the margin, the rest farther. Dropped.
    /// - (5, 6), d = 0.5625: from 5, image 2 at 0.3125 (hard) and image 1 at 0.8125 (semi-hard) are < 1.3125; 0 is
    ///   at 1.8125, 3 and 4 beyond. facenet picks 1 or 2 at random; semihard (5, 6, 1).
    static let round = TripletRound(people: ["A", "C", "D"], imageCounts: [3, 2, 2],
                                    imagePaths: ["a0", "a1", "a2", "c3", "c4", "d5", "d6"])
    static let embeddings = Tensor(shape: [7, 2], values: [0, 0, 0.5, 0, 1, 0, 0, -1, 0, -1.5, 1.25, 0.5, 1.25, 1.25])

    private func select(_ rule: TripletSelectionRule, seed: UInt64) throws -> TripletSelection.Selection {
        let selection = try TripletSelection(peoplePerBatch: 3, imagesPerPerson: 3, margin: 0.75, rule: rule)
        var generator = SeededGenerator(seed: seed)
        return try selection.select(embeddings: Self.embeddings, round: Self.round, using: &generator)
    }

    @Test func facenetRuleAdmitsHardNegatives() throws {
        let result = try select(.facenet, seed: 1)
        let triplets = result.triplets.sorted()
        #expect(triplets.count == 3)
        #expect(triplets[0] == Triplet(anchor: 0, positive: 2, negative: 3))
        #expect(triplets[1] == Triplet(anchor: 1, positive: 2, negative: 5))
        #expect(triplets[2].anchor == 5 && triplets[2].positive == 6 && [1, 2].contains(triplets[2].negative))
        #expect(result.report.anchorPositivePairs == 5)
        #expect(result.report.candidateNegatives == 4)
        #expect(result.report.triplets == 3)
        #expect(result.report.people == 3 && result.report.images == 7)
    }

    @Test func semihardRuleKeepsNegativesBeyondThePositive() throws {
        let result = try select(.semihard, seed: 1)
        #expect(result.triplets.sorted() == [
            Triplet(anchor: 1, positive: 2, negative: 5), Triplet(anchor: 5, positive: 6, negative: 1),
        ])
        #expect(result.report.anchorPositivePairs == 5)
        #expect(result.report.candidateNegatives == 2)
        #expect(result.report.triplets == 2)
    }

    /// The random choice among several admitted negatives reaches each of them, never another, and repeats with
    /// the seed.
    @Test func randomNegativeComesFromTheAdmittedOnes() throws {
        var chosen: Set<Int> = []
        for seed in UInt64(0)..<40 {
            let triplets = try select(.facenet, seed: seed).triplets
            chosen.insert(triplets.first { $0.anchor == 5 }!.negative)
        }
        #expect(chosen == [1, 2])
        #expect(try select(.facenet, seed: 7).triplets == select(.facenet, seed: 7).triplets)
    }

    @Test func reportIsOneLogLine() throws {
        var report = try select(.semihard, seed: 1).report
        report.seconds = 0.0123456
        #expect(report.description == "triplet selection (semihard): 3 people, 7 images, 5 anchor-positive pairs, "
            + "2 candidate negatives, 2 triplets, 0.012 s")
    }

    @Test func embeddingsMustMatchTheRound() throws {
        let selection = try TripletSelection(peoplePerBatch: 3, imagesPerPerson: 3)
        var generator = SeededGenerator(seed: 1)
        #expect(throws: TripletSelectionError.embeddingMismatch(rows: 6, images: 7)) {
            try selection.select(embeddings: Tensor(shape: [6, 2]), round: Self.round, using: &generator)
        }
    }
}

@Suite struct TripletSamplingTests {
    /// cid has a single image and never takes part; the other three can fill a round of 2 × 3 images.
    static let dataset: [String: [String]] = [
        "ann": (1...5).map { "ann/\($0).jpg" }, "bob": ["bob/1.jpg", "bob/2.jpg"], "cid": ["cid/1.jpg"],
        "dee": (1...4).map { "dee/\($0).jpg" },
    ]

    /// A round stops when fewer than two images would still fit: ann 3 + bob 2 leaves room for one, so that round
    /// holds 5 images; any round starting with ann or dee then the other holds 6.
    @Test func roundsHoldUpToPeopleTimesImagesFromEligiblePeople() throws {
        let selection = try TripletSelection(peoplePerBatch: 2, imagesPerPerson: 3)
        var seen: Set<String> = []
        for seed in UInt64(0)..<30 {
            var generator = SeededGenerator(seed: seed)
            let round = try selection.sample(from: Self.dataset, using: &generator)
            let total = round.imagePaths.count
            #expect(total <= 6 && total >= 5)
            #expect(round.imageCounts.allSatisfy { (2...3).contains($0) })
            #expect(Set(round.imagePaths).count == total)
            #expect(!round.people.contains("cid"))
            for (person, range) in zip(round.people, round.imageRanges) {
                #expect(round.imagePaths[range].allSatisfy { $0.hasPrefix(person + "/") })
            }
            #expect(round.labels.count == total)
            seen.formUnion(round.people)
        }
        #expect(seen == ["ann", "bob", "dee"])
    }

    @Test func sameSeedSameRound() throws {
        let selection = try TripletSelection(peoplePerBatch: 2, imagesPerPerson: 3)
        var first = SeededGenerator(seed: 5), second = SeededGenerator(seed: 5)
        #expect(try selection.sample(from: Self.dataset, using: &first) == selection.sample(from: Self.dataset, using: &second))
    }

    @Test func smallDataSetGivesASmallerRound() throws {
        let selection = try TripletSelection(peoplePerBatch: 10, imagesPerPerson: 10)
        var generator = SeededGenerator(seed: 1)
        let round = try selection.sample(from: Self.dataset, using: &generator)
        #expect(round.imagePaths.count == 11)
        #expect(Set(round.people) == ["ann", "bob", "dee"])
    }

    @Test func refusesWhatCannotFormTriplets() {
        var generator = SeededGenerator(seed: 1)
        #expect(throws: TripletSelectionError.tooFewPeople(eligible: 1)) {
            try TripletSelection().sample(from: ["ann": ["1", "2"], "bob": ["1"]], using: &generator)
        }
        #expect(throws: TripletSelectionError.self) { try TripletSelection(imagesPerPerson: 1) }
        do {
            _ = try TripletSelection(margin: -0.2)
            Issue.record("a negative margin was accepted")
        } catch {
            #expect(error.description == "triplet selection: margin -0.2 must be a positive number")
        }
    }
}
