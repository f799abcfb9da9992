import NeuralEngine

/// Online triplet mining as in FaceNet: each round samples images of several people, the trainer embeds them with
/// a forward pass, and `select` pairs every two images of one person (anchor before positive in the round's order)
/// with a random negative that `rule` admits. Pairs without such a negative are dropped.
///
/// Randomness (which people, which images, which negative, the triplets' order) comes from the generator the
/// caller passes, so a seeded generator gives reproducible rounds.
public struct TripletSelection: Sendable, Equatable {
    public let peoplePerBatch: Int
    public let imagesPerPerson: Int
    /// α, the triplet loss's margin, which the rules compare against.
    public let margin: Float
    public let rule: TripletSelectionRule

    /// The defaults are facenet's `train_tripletloss.py` settings.
    public init(peoplePerBatch: Int = 45, imagesPerPerson: Int = 40, margin: Float = 0.2,
                rule: TripletSelectionRule = .facenet) throws(TripletSelectionError) {
        guard peoplePerBatch >= 2 else {
            throw .invalidSetting(name: "people per batch", value: "\(peoplePerBatch)", requirement: "must be at least 2")
        }
        guard imagesPerPerson >= 2 else {
            throw .invalidSetting(name: "images per person", value: "\(imagesPerPerson)", requirement: "must be at least 2")
        }
        guard margin.isFinite, margin > 0 else {
            throw .invalidSetting(name: "margin", value: "\(margin)", requirement: "must be a positive number")
        }
        self.peoplePerBatch = peoplePerBatch
        self.imagesPerPerson = imagesPerPerson
        self.margin = margin
        self.rule = rule
    }

    /// peoplePerBatch × imagesPerPerson.
    public var imagesPerRound: Int { peoplePerBatch * imagesPerPerson }

    /// Samples a round from a folder-per-person listing (`person: image paths`), as facenet's `sample_people` does:
    /// people in random order, each giving up to `imagesPerPerson` of their images chosen at random, until the round
    /// holds `imagesPerRound` images. People with fewer images leave room for more people, so a round may hold more
    /// than `peoplePerBatch` of them. People with fewer than two images are skipped, and so is a last person who
    /// could add only one image. A data set too small to fill the round gives a smaller one.
    public func sample(from dataset: [String: [String]],
                       using generator: inout some RandomNumberGenerator) throws(TripletSelectionError) -> TripletRound {
        var eligible = dataset.filter { $0.value.count >= 2 }.keys.sorted()
        guard eligible.count >= 2 else { throw .tooFewPeople(eligible: eligible.count) }
        eligible.shuffle(using: &generator)
        var people: [String] = [], counts: [Int] = [], paths: [String] = []
        for person in eligible {
            let room = imagesPerRound - paths.count
            guard room >= 2 else { break }
            var images = dataset[person]!.sorted()
            images.shuffle(using: &generator)
            let taken = min(imagesPerPerson, images.count, room)
            people.append(person)
            counts.append(taken)
            paths += images.prefix(taken)
        }
        return TripletRound(people: people, imageCounts: counts, imagePaths: paths)
    }

    /// The triplets and the round's report.
    public struct Selection: Sendable, Equatable {
        /// In random order, as training batches should see them.
        public var triplets: [Triplet]
        public var report: TripletSelectionReport
    }

    /// Selects triplets from the round's embeddings `[images, D]` (rows in the round's order; L2-normalised, like
    /// the ones the loss will see). Distances are squared Euclidean.
    public func select(embeddings: Tensor, round: TripletRound,
                       using generator: inout some RandomNumberGenerator) throws(TripletSelectionError) -> Selection {
        guard embeddings.rank == 2, embeddings.shape[0] == round.imagePaths.count else {
            throw .embeddingMismatch(rows: embeddings.shape.first ?? 0, images: round.imagePaths.count)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let images = embeddings.shape[0], width = embeddings.shape[1]
        let alpha = Double(margin)
        var triplets: [Triplet] = []
        var pairs = 0, candidateCount = 0
        var distances = [Double](repeating: 0, count: images)
        var candidates: [Int] = []
        for own in round.imageRanges {
            for anchor in own {
                guard anchor + 1 < own.upperBound else { continue }
                squaredDistances(from: anchor, in: embeddings.values, width: width, into: &distances)
                for positive in (anchor + 1)..<own.upperBound {
                    pairs += 1
                    candidates.removeAll(keepingCapacity: true)
                    for other in 0..<images where !own.contains(other)
                        && rule.admits(positiveDistance: distances[positive], negativeDistance: distances[other], margin: alpha) {
                        candidates.append(other)
                    }
                    candidateCount += candidates.count
                    if let negative = candidates.randomElement(using: &generator) {
                        triplets.append(Triplet(anchor: anchor, positive: positive, negative: negative))
                    }
                }
            }
        }
        triplets.shuffle(using: &generator)
        let elapsed = (clock.now - start).components
        let report = TripletSelectionReport(
            rule: rule, people: round.people.count, images: images, anchorPositivePairs: pairs,
            candidateNegatives: candidateCount, triplets: triplets.count,
            seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        return Selection(triplets: triplets, report: report)
    }

    private func squaredDistances(from anchor: Int, in values: [Float], width: Int, into distances: inout [Double]) {
        values.withUnsafeBufferPointer { x in
            let a = x.baseAddress! + anchor * width
            for other in distances.indices {
                let b = x.baseAddress! + other * width
                var sum = 0.0
                for j in 0..<width {
                    let d = Double(a[j]) - Double(b[j])
                    sum += d * d
                }
                distances[other] = sum
            }
        }
    }
}
