import FacewatchSupport
import FaceVision
import Foundation
import NeuralEngine

/// A training run of the embedding network on a `ChipDataset`, one epoch at a time: the network, the classifier
/// and centers (center loss), the optimisers, the random numbers and the history, all of which a
/// `TrainingCheckpoint` saves and restores.
///
/// An epoch is `batchesPerEpoch` batches; the caller chooses each epoch's learning rate (from a schedule),
/// validates, records, checkpoints, and exports `embedder` at the end.
public struct Trainer: Sendable {
    public let settings: TrainingSettings
    public let dataset: ChipDataset
    /// The network up to the bottleneck.
    public internal(set) var features: Sequential
    /// Bottleneck → one logit per person (center loss only).
    public internal(set) var classifier: DenseLayer?
    public internal(set) var objective: SoftmaxCenterLoss?
    var featureOptimizer: any Optimizer
    var classifierOptimizer: any Optimizer
    public internal(set) var random: SplitMix64
    /// Every recorded epoch, from epoch 0 (the untrained network) on.
    public internal(set) var history: [EpochRecord] = []

    let batch: ChipBatch
    private var normalize = L2NormalizeLayer()
    /// For triplet rounds: each person's chip paths, and each path's sample index (fixed with the data set).
    private let pathsByPerson: [String: [String]]
    private let sampleIndexByPath: [String: Int]

    /// What the trainer reports after each batch.
    public struct BatchProgress: Sendable {
        public var epoch: Int
        public var batch: Int
        public var batches: Int
        /// Mean loss of the epoch's batches so far.
        public var runningLoss: Double
    }

    /// What one epoch of training did.
    public struct EpochSummary: Sendable {
        public var loss: Double
        public var images: Int
        public var seconds: Double
    }

    public init(settings: TrainingSettings, dataset: ChipDataset) throws(TrainingError) {
        if let problem = settings.problem { throw .invalidSettings(problem) }
        guard dataset.side >= settings.network.inputSide else {
            throw .data(.chipTooSmall(side: dataset.side, inputSide: settings.network.inputSide))
        }
        self.settings = settings
        self.dataset = dataset
        batch = ChipBatch(inputSide: settings.network.inputSide)
        var pathsByPerson: [String: [String]] = [:], sampleIndexByPath: [String: Int] = [:]
        for (index, sample) in dataset.samples.enumerated() {
            pathsByPerson[dataset.people[sample.label], default: []].append(sample.path)
            sampleIndexByPath[sample.path] = index
        }
        self.pathsByPerson = pathsByPerson
        self.sampleIndexByPath = sampleIndexByPath
        var random = SplitMix64(seed: settings.seed)
        features = EmbeddingNetwork.features(settings.network, using: &random)
        if case let .center(weight, alpha) = settings.loss {
            classifier = DenseLayer(inFeatures: settings.network.embeddingSize, outFeatures: dataset.people.count,
                                    using: &random)
            objective = SoftmaxCenterLoss(
                centerLoss: CenterLoss(classCount: dataset.people.count, featureCount: settings.network.embeddingSize,
                                       alpha: alpha),
                centerLossWeight: weight)
        }
        featureOptimizer = Self.optimizer(settings)
        classifierOptimizer = Self.optimizer(settings)
        self.random = random
    }

    static func optimizer(_ settings: TrainingSettings) -> any Optimizer {
        switch settings.optimizer {
        case .adam: return Adam(weightDecay: settings.weightDecay)
        case .momentum: return MomentumSGD(momentum: 0.9, weightDecay: settings.weightDecay)
        }
    }

    /// The last recorded epoch (0 before any training).
    public var completedEpochs: Int { history.last?.epoch ?? 0 }

    /// The network to evaluate and export: the features, then L2 normalisation.
    public var embedder: Sequential { EmbeddingNetwork.embedder(features) }

    public mutating func record(_ record: EpochRecord) { history.append(record) }

    /// Trains one epoch at `learningRate`. `log` receives a line per triplet-selection round.
    public mutating func trainEpoch(
        _ epoch: Int, learningRate: Float, progress: (BatchProgress) -> Void = { _ in }, log: (String) -> Void = { _ in }
    ) throws(TrainingError) -> EpochSummary {
        let clock = ContinuousClock()
        let start = clock.now
        var lossSum = 0.0, images = 0
        switch settings.loss {
        case .center:
            for index in 1...settings.batchesPerEpoch {
                let loss = try centerLossBatch(learningRate: learningRate)
                guard loss.isFinite else { throw .diverged(epoch: epoch, batch: index) }
                lossSum += loss
                images += settings.batchSize
                progress(BatchProgress(epoch: epoch, batch: index, batches: settings.batchesPerEpoch,
                                       runningLoss: lossSum / Double(index)))
            }
        case let .triplet(margin, rule, people, perPerson):
            let selection: TripletSelection
            do {
                selection = try TripletSelection(peoplePerBatch: people, imagesPerPerson: perPerson, margin: margin,
                                                 rule: rule)
            } catch {
                throw .invalidSettings("\(error)")
            }
            var pending: [TripletSample] = []
            var index = 0
            var emptyRounds = 0
            while index < settings.batchesPerEpoch {
                if pending.isEmpty {
                    pending = try selectTriplets(selection, log: log)
                    if pending.isEmpty {
                        emptyRounds += 1
                        if emptyRounds == 20 { throw .selection("20 rounds in a row found no triplet") }
                        continue
                    }
                    emptyRounds = 0
                }
                let taken = Array(pending.prefix(settings.batchSize / 3))
                pending.removeFirst(taken.count)
                index += 1
                let loss = try tripletBatch(taken, margin: margin, learningRate: learningRate)
                guard loss.isFinite else { throw .diverged(epoch: epoch, batch: index) }
                lossSum += loss
                images += 3 * taken.count
                progress(BatchProgress(epoch: epoch, batch: index, batches: settings.batchesPerEpoch,
                                       runningLoss: lossSum / Double(index)))
            }
        }
        let elapsed = (clock.now - start).components
        return EpochSummary(loss: lossSum / Double(settings.batchesPerEpoch), images: images,
                            seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
    }

    // MARK: Center loss

    private mutating func centerLossBatch(learningRate: Float) throws(TrainingError) -> Double {
        var chosen = Set<Int>()
        let size = min(settings.batchSize, dataset.samples.count)
        while chosen.count < size { chosen.insert(Int.random(in: 0..<dataset.samples.count, using: &random)) }
        let indices = chosen.sorted()
        var crops: [ChipBatch.Crop] = []
        for _ in indices { crops.append(batch.randomCrop(chipSide: dataset.side, using: &random)) }
        let input = batch.tensor(of: indices.map { dataset.samples[$0].chip }, crops: crops)
        let labels = indices.map { dataset.samples[$0].label }
        do throws(EngineError) {
            let bottleneck = try features.forward(input, mode: .training)
            let logits = try classifier!.forward(bottleneck, mode: .training)
            let evaluation: SoftmaxCenterLoss.Evaluation
            do {
                evaluation = try objective!.evaluate(logits: logits, features: bottleneck, labels: labels)
            } catch {
                throw EngineError("loss", "\(error)")
            }
            var gradient = try classifier!.backward(evaluation.logitsGradient)
            for i in gradient.values.indices { gradient.values[i] += evaluation.featuresGradient.values[i] }
            _ = try features.backward(gradient)
            featureOptimizer.step(&features, learningRate: learningRate)
            classifierOptimizer.step(&classifier!, learningRate: learningRate)
            return evaluation.total
        } catch {
            throw .engine(error.description)
        }
    }

    // MARK: Triplet loss

    /// One image of a selected triplet: the sample and how it was cropped when it was embedded for selection.
    struct TripletSample: Sendable {
        var anchor: (Int, ChipBatch.Crop)
        var positive: (Int, ChipBatch.Crop)
        var negative: (Int, ChipBatch.Crop)
    }

    private mutating func selectTriplets(_ selection: TripletSelection, log: (String) -> Void) throws(TrainingError) -> [TripletSample] {
        let round: TripletRound
        do {
            round = try selection.sample(from: pathsByPerson, using: &random)
        } catch {
            throw .selection("\(error)")
        }
        let indices = round.imagePaths.map { sampleIndexByPath[$0]! }
        var crops: [ChipBatch.Crop] = []
        for _ in indices { crops.append(batch.randomCrop(chipSide: dataset.side, using: &random)) }
        // Embedded in training mode (batch statistics), as facenet does for its selection pass.
        var values: [Float] = []
        var width = 0
        var start = 0
        do throws(EngineError) {
            while start < indices.count {
                let end = min(start + settings.batchSize, indices.count)
                let input = batch.tensor(of: indices[start..<end].map { dataset.samples[$0].chip }, crops: Array(crops[start..<end]))
                let output = try normalize.forward(try features.forward(input, mode: .training), mode: .training)
                width = output.shape[1]
                values += output.values
                start = end
            }
        } catch {
            throw .engine(error.description)
        }
        let chosen: TripletSelection.Selection
        do {
            chosen = try selection.select(embeddings: Tensor(shape: [indices.count, width], values: values), round: round,
                                          using: &random)
        } catch {
            throw .selection("\(error)")
        }
        log(chosen.report.description)
        return chosen.triplets.map { triplet in
            TripletSample(anchor: (indices[triplet.anchor], crops[triplet.anchor]),
                          positive: (indices[triplet.positive], crops[triplet.positive]),
                          negative: (indices[triplet.negative], crops[triplet.negative]))
        }
    }

    private mutating func tripletBatch(_ triplets: [TripletSample], margin: Float, learningRate: Float) throws(TrainingError) -> Double {
        var chips: [RGBImage] = [], crops: [ChipBatch.Crop] = []
        for triplet in triplets {
            for (index, crop) in [triplet.anchor, triplet.positive, triplet.negative] {
                chips.append(dataset.samples[index].chip)
                crops.append(crop)
            }
        }
        do throws(EngineError) {
            let embeddings = try normalize.forward(try features.forward(batch.tensor(of: chips, crops: crops), mode: .training),
                                                   mode: .training)
            let evaluation: TripletLoss.Evaluation
            do {
                evaluation = try TripletLoss(margin: margin).evaluate(embeddings: embeddings)
            } catch {
                throw EngineError("loss", "\(error)")
            }
            _ = try features.backward(try normalize.backward(evaluation.gradient))
            featureOptimizer.step(&features, learningRate: learningRate)
            return evaluation.loss
        } catch {
            throw .engine(error.description)
        }
    }
}
