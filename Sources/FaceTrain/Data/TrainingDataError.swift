/// Why the training data could not be read; the description is one line naming the file or folder.
public enum TrainingDataError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadableDirectory(path: String, reason: String)
    case unreadableChip(path: String, reason: String)
    case chipSize(path: String, width: Int, height: Int, expected: Int)
    case tooFewPeople(directory: String, found: Int, minimumImages: Int)
    case chipTooSmall(side: Int, inputSide: Int)

    public var description: String {
        switch self {
        case .unreadableDirectory(let path, let reason):
            return "\(path): cannot list the data set: \(reason)"
        case .unreadableChip(let path, let reason):
            return "\(path): cannot read this chip: \(reason)"
        case .chipSize(let path, let width, let height, let expected):
            return "\(path): chip is \(width)×\(height), but the data set's chips are \(expected)×\(expected) "
                + "(align them all with one --size)"
        case .tooFewPeople(let directory, let found, let minimumImages):
            return "\(directory): \(found) people with at least \(minimumImages) chips; training needs at least 2"
        case .chipTooSmall(let side, let inputSide):
            return "chips are \(side)×\(side), smaller than the network's \(inputSide)×\(inputSide) input"
        }
    }
}
