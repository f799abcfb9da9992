import NeuralEngine

/// Why a training run stopped; the description is one line.
public enum TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidSettings(String)
    case data(TrainingDataError)
    case engine(String)
    case loss(String)
    case selection(String)
    case validation(String)
    case checkpoint(path: String, reason: String)
    case diverged(epoch: Int, batch: Int)

    public var description: String {
        switch self {
        case .invalidSettings(let problem): return "training settings: \(problem)"
        case .data(let error): return error.description
        case .engine(let reason): return "network: \(reason)"
        case .loss(let reason): return "loss: \(reason)"
        case .selection(let reason): return "triplet selection: \(reason)"
        case .validation(let reason): return "validation pairs: \(reason)"
        case .checkpoint(let path, let reason): return "\(path): checkpoint: \(reason)"
        case .diverged(let epoch, let batch):
            return "the loss became NaN or infinite in epoch \(epoch), batch \(batch): lower the learning rate"
        }
    }
}
