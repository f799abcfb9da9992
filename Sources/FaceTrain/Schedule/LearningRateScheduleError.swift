import FacewatchSupport

/// Why a learning-rate schedule file could not be read; every description is one line that starts with the file's
/// path and, where one line is at fault, its 1-based number (`schedule.txt:4: …`).
public enum LearningRateScheduleError: Error, CustomStringConvertible, Sendable, Equatable {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    /// No `epoch: rate` line at all.
    case empty(path: String)
    case missingColon(path: String, line: Int, text: String)
    case invalidEpoch(path: String, line: Int, text: String)
    case invalidRate(path: String, line: Int, text: String)
    case epochNotIncreasing(path: String, line: Int, epoch: Int, previous: Int)
    case firstEpochNotZero(path: String, line: Int, epoch: Int)

    public var path: String {
        switch self {
        case let .fileNotFound(path), let .unreadable(path, _), let .empty(path),
             let .missingColon(path, _, _), let .invalidEpoch(path, _, _), let .invalidRate(path, _, _),
             let .epochNotIncreasing(path, _, _, _), let .firstEpochNotZero(path, _, _):
            return path
        }
    }

    /// The 1-based line at fault, when there is one.
    public var line: Int? {
        switch self {
        case .fileNotFound, .unreadable, .empty:
            return nil
        case let .missingColon(_, line, _), let .invalidEpoch(_, line, _), let .invalidRate(_, line, _),
             let .epochNotIncreasing(_, line, _, _), let .firstEpochNotZero(_, line, _):
            return line
        }
    }

    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        return "\(oneLine(location)): \(oneLine(cause))"
    }

    private var cause: String {
        switch self {
        case .fileNotFound:
            return "no such file"
        case let .unreadable(_, reason):
            return "cannot be read (\(reason))"
        case .empty:
            return "no 'epoch: learning rate' lines"
        case let .missingColon(_, _, text):
            return "expected 'epoch: learning rate', found '\(text)'"
        case let .invalidEpoch(_, _, text):
            return "epoch '\(text)' is not a whole number ≥ 0"
        case let .invalidRate(_, _, text):
            return "learning rate '\(text)' is not a positive number, or -1 to stop"
        case let .epochNotIncreasing(_, _, epoch, previous):
            return "epoch \(epoch) does not come after the previous line's epoch \(previous)"
        case let .firstEpochNotZero(_, _, epoch):
            return "the first line must be for epoch 0, found epoch \(epoch)"
        }
    }
}
