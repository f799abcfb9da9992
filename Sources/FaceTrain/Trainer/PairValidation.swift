import FaceVision
import NeuralEngine

/// Verification pairs over aligned chips, for measuring a network during training: every chip is embedded once
/// (centre crop, inference mode) and each pair scored by the Euclidean distance of its two embeddings, then
/// `KFoldAccuracy` as in `facewatch validate`. A pair whose chip is missing (the aligner found no face in the
/// photo) counts as a wrong answer.
public struct PairValidation: Sendable {
    public let pairs: [FacePair]
    /// Unique chips in first-use order; nil where the file is missing.
    private let chips: [RGBImage?]
    private let chipIndices: [(Int, Int)]

    /// `load` returns nil for a chip that does not exist and throws for one that cannot be read.
    public init(pairs: [FacePair], load: (String) throws -> RGBImage?) throws(TrainingDataError) {
        var index: [String: Int] = [:]
        var chips: [RGBImage?] = []
        var chipIndices: [(Int, Int)] = []
        func slot(_ path: String) throws(TrainingDataError) -> Int {
            if let known = index[path] { return known }
            do {
                chips.append(try load(path))
            } catch {
                throw .unreadableChip(path: path, reason: "\(error)")
            }
            index[path] = chips.count - 1
            return chips.count - 1
        }
        for pair in pairs {
            chipIndices.append((try slot(pair.pathA), try slot(pair.pathB)))
        }
        self.pairs = pairs
        self.chips = chips
        self.chipIndices = chipIndices
    }

    /// Pairs with a missing chip.
    public var pairsWithoutChips: Int {
        chipIndices.count { chips[$0.0] == nil || chips[$0.1] == nil }
    }

    /// The side every present chip must be at least.
    public var smallestChipSide: Int? {
        chips.compactMap { $0.map { min($0.width, $0.height) } }.min()
    }

    /// 10-fold accuracy of `embedder` (a network ending in L2 normalisation) on the pairs. Pairs that cannot be
    /// scored at all (say every chip missing, or a fold without both kinds of pair) are a `.validation` error.
    public func evaluate(_ embedder: Sequential, inputSide: Int, chunk: Int = 128) throws(TrainingError) -> KFoldAccuracy {
        var network = embedder
        let batch = ChipBatch(inputSide: inputSide)
        let present = chips.indices.filter { chips[$0] != nil }
        var embeddings = [[Float]?](repeating: nil, count: chips.count)
        var start = 0
        while start < present.count {
            let indices = present[start..<min(start + chunk, present.count)]
            let output: Tensor
            do {
                output = try network.forward(batch.evaluationTensor(of: indices.map { chips[$0]! }), mode: .inference)
            } catch {
                throw .engine(error.description)
            }
            let width = output.shape[1]
            for (row, index) in indices.enumerated() {
                embeddings[index] = Array(output.values[(row * width)..<((row + 1) * width)])
            }
            start += chunk
        }
        let scored = zip(pairs, chipIndices).map { pair, indices -> ScoredPair in
            guard let a = embeddings[indices.0], let b = embeddings[indices.1] else {
                return ScoredPair(distance: nil, isSame: pair.isSame, fold: pair.fold)
            }
            var sum = 0.0
            for j in a.indices {
                let d = Double(a[j]) - Double(b[j])
                sum += d * d
            }
            return ScoredPair(distance: sum.squareRoot(), isSame: pair.isSame, fold: pair.fold)
        }
        do {
            return try KFoldAccuracy(scored)
        } catch {
            throw .validation("\(error)")
        }
    }
}
