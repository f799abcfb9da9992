/// Everything that fixes what a run trains and how, besides the learning rate (which a schedule may change between
/// epochs) and the number of epochs (a resumed run may go on longer). A checkpoint keeps these and a resumed run
/// must be given the same.
public struct TrainingSettings: Sendable, Equatable, Codable {
    /// How parameters are updated.
    public enum OptimizerKind: String, Sendable, Codable, CaseIterable {
        /// Adam (β₁ 0.9, β₂ 0.999, ε 1e-8).
        case adam
        /// SGD with momentum 0.9.
        case momentum
    }

    public var network: EmbeddingNetworkShape
    public var loss: TrainingLoss
    public var optimizer: OptimizerKind
    /// L2 weight decay on convolution and dense weights.
    public var weightDecay: Float
    /// Images per training batch; for the triplet loss a multiple of 3.
    public var batchSize: Int
    public var batchesPerEpoch: Int
    public var seed: UInt64

    public init(network: EmbeddingNetworkShape = EmbeddingNetworkShape(), loss: TrainingLoss,
                optimizer: OptimizerKind = .adam, weightDecay: Float = 5e-4, batchSize: Int = 90,
                batchesPerEpoch: Int = 100, seed: UInt64 = 1) {
        self.network = network
        self.loss = loss
        self.optimizer = optimizer
        self.weightDecay = weightDecay
        self.batchSize = batchSize
        self.batchesPerEpoch = batchesPerEpoch
        self.seed = seed
    }

    /// Why these settings cannot train, or nil.
    public var problem: String? {
        if let problem = network.problem { return problem }
        if batchSize < 2 { return "batch size \(batchSize) must be at least 2" }
        if batchesPerEpoch < 1 { return "batches per epoch must be at least 1" }
        if !(weightDecay >= 0 && weightDecay.isFinite) { return "weight decay must be zero or positive" }
        switch loss {
        case let .center(weight, alpha):
            if !(weight >= 0 && weight.isFinite) { return "center loss weight must be zero or positive" }
            if !(alpha >= 0 && alpha <= 1) { return "center loss alpha must lie in 0…1" }
        case let .triplet(margin, _, people, images):
            if batchSize % 3 != 0 { return "batch size \(batchSize) must be a multiple of 3 for the triplet loss" }
            if !(margin > 0 && margin.isFinite) { return "triplet margin must be positive" }
            if people < 2 || images < 2 { return "a triplet round needs at least 2 people × 2 images" }
        }
        return nil
    }

    /// The settings that differ from `other`, as `name this (other)`, for telling a user why a checkpoint does not fit.
    public func differences(from other: TrainingSettings) -> [String] {
        var found: [String] = []
        func compare<T: Equatable>(_ name: String, _ mine: T, _ theirs: T) {
            if mine != theirs { found.append("\(name) \(mine) (checkpoint: \(theirs))") }
        }
        compare("network", network.description, other.network.description)
        compare("loss", loss.description, other.loss.description)
        compare("optimizer", optimizer.rawValue, other.optimizer.rawValue)
        compare("weight decay", weightDecay, other.weightDecay)
        compare("batch size", batchSize, other.batchSize)
        compare("batches per epoch", batchesPerEpoch, other.batchesPerEpoch)
        compare("seed", seed, other.seed)
        return found
    }
}
