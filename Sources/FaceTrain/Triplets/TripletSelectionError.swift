import FacewatchSupport

/// Why triplet selection could not run; each description is one line naming the setting or input at fault.
public enum TripletSelectionError: Error, CustomStringConvertible, Sendable, Equatable {
    case invalidSetting(name: String, value: String, requirement: String)
    /// Fewer than two people with at least two images: no triplet can be formed.
    case tooFewPeople(eligible: Int)
    case embeddingMismatch(rows: Int, images: Int)

    public var description: String {
        switch self {
        case let .invalidSetting(name, value, requirement):
            return oneLine("triplet selection: \(name) \(value) \(requirement)")
        case let .tooFewPeople(eligible):
            return "triplet selection: the data set has \(eligible) people with two or more images, at least 2 are needed"
        case let .embeddingMismatch(rows, images):
            return "triplet selection: \(rows) embeddings for the round's \(images) images"
        }
    }
}
