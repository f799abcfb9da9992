import FacewatchSupport
/// Why a pairs file could not be read; every description is one line that starts with the file's path and, where
/// one line is at fault, its 1-based line number (`pairs.txt:17: …`).
public enum PairsFileError: Error, CustomStringConvertible, Sendable, Equatable {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case noPairs(path: String)
    /// The first line looks like a `folds pairsPerKind` header but a count is not positive.
    case invalidHeader(path: String, line: Int, text: String)
    case wrongFieldCount(path: String, line: Int, count: Int)
    case invalidPictureNumber(path: String, line: Int, text: String)
    /// A person's name that cannot be a folder name (empty, `.`, `..`, or containing `/`).
    case invalidName(path: String, line: Int, name: String)
    /// With a header, each fold is a block of same-person lines followed by a block of different-person lines.
    case unexpectedKind(path: String, line: Int, fold: Int, expectedSame: Bool)
    case countMismatch(path: String, folds: Int, pairsPerKind: Int, found: Int)
    /// Without a header, the requested number of folds must not exceed the pairs of either kind.
    case tooManyFolds(path: String, folds: Int, sameCount: Int, differentCount: Int)

    public var path: String {
        switch self {
        case .fileNotFound(let path), .unreadable(let path, _), .noPairs(let path),
             .invalidHeader(let path, _, _), .wrongFieldCount(let path, _, _),
             .invalidPictureNumber(let path, _, _), .invalidName(let path, _, _),
             .unexpectedKind(let path, _, _, _), .countMismatch(let path, _, _, _),
             .tooManyFolds(let path, _, _, _):
            return path
        }
    }

    /// The 1-based line at fault, when there is one.
    public var line: Int? {
        switch self {
        case .invalidHeader(_, let line, _), .wrongFieldCount(_, let line, _),
             .invalidPictureNumber(_, let line, _), .invalidName(_, let line, _),
             .unexpectedKind(_, let line, _, _):
            return line
        default:
            return nil
        }
    }

    public var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        return "\(oneLine(location)): \(oneLine(cause))"
    }

    private var cause: String {
        switch self {
        case .fileNotFound:
            return "no such file"
        case .unreadable(_, let reason):
            return "cannot be read (\(reason))"
        case .noPairs:
            return "no pairs in the file"
        case .invalidHeader(_, _, let text):
            return "header '\(text)' must be two positive whole numbers: folds and pairs of each kind per fold"
        case .wrongFieldCount(_, _, let count):
            return "expected 'name i j' or 'name1 i name2 j', found \(count) fields"
        case .invalidPictureNumber(_, _, let text):
            return "picture number '\(text)' is not a positive whole number"
        case .invalidName(_, _, let name):
            return "name '\(name)' cannot be a folder name"
        case .unexpectedKind(_, _, let fold, let expectedSame):
            let expected = expectedSame ? "same-person pair 'name i j'" : "different-person pair 'name1 i name2 j'"
            let found = expectedSame ? "a different-person pair" : "a same-person pair"
            return "fold \(fold + 1) expects a \(expected) here, found \(found)"
        case .countMismatch(_, let folds, let perKind, let found):
            return "header promises \(folds) folds × 2 × \(perKind) = \(folds * 2 * perKind) pairs, found \(found)"
        case .tooManyFolds(_, let folds, let same, let different):
            return "cannot split \(same) same-person and \(different) different-person pairs into \(folds) folds"
        }
    }
}

