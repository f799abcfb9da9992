/// Decides who one tracked face is from the gallery matches of several of its descriptors, so that one blurred
/// or turned-away frame neither names a person nor changes a name already given.
///
/// The vote looks at the most recent `window` matches. A person is named once at least `minimumEmbeddings`
/// descriptors have been matched and that person holds a strict majority of the window; the track is called
/// unknown after `unknownAfter` descriptors without such a majority. A name changes only when another person
/// takes the majority and is closer by `switchMargin` (or the named person has left the window entirely), and goes
/// back to unknown only when a full window has no match at all.
public struct TrackIdentityVote: Sendable, Equatable {
    /// The rules' parameters.
    public struct Options: Sendable, Equatable {
        public var minimumEmbeddings: Int
        public var unknownAfter: Int
        public var switchMargin: Float
        public var window: Int

        public init(minimumEmbeddings: Int = 3, unknownAfter: Int = 5, switchMargin: Float = 0.05, window: Int? = nil) {
            self.minimumEmbeddings = max(1, minimumEmbeddings)
            self.unknownAfter = max(self.minimumEmbeddings, unknownAfter)
            self.switchMargin = switchMargin
            self.window = max(window ?? 2 * self.unknownAfter - 1, self.minimumEmbeddings)
        }
    }

    /// What the vote says now.
    public enum Decision: Sendable, Equatable {
        case undecided
        case unknown
        /// A person, with the mean distance of that person's matches in the window.
        case known(person: String, distance: Float)

        public var person: String? {
            if case .known(let person, _) = self { return person }
            return nil
        }
    }

    public let options: Options
    public private(set) var decision: Decision = .undecided
    /// Descriptors matched so far over the whole track.
    public private(set) var embeddings = 0
    /// The recent matches: the person when under the threshold, else nil.
    private var recent: [(person: String?, distance: Float)] = []

    public init(options: Options = Options()) {
        self.options = options
    }

    public static func == (a: TrackIdentityVote, b: TrackIdentityVote) -> Bool {
        a.options == b.options && a.decision == b.decision && a.embeddings == b.embeddings
            && a.recent.elementsEqual(b.recent) { $0.person == $1.person && $0.distance == $1.distance }
    }

    /// Records one descriptor's match; returns the new decision when this changes it.
    public mutating func record(_ match: Match) -> Decision? {
        embeddings += 1
        recent.append((match.person, match.distance ?? .infinity))
        if recent.count > options.window { recent.removeFirst(recent.count - options.window) }
        let next = nextDecision()
        guard next != decision else {
            if case .known(let person, _) = decision, let tally = tallies()[person] {
                decision = .known(person: person, distance: tally.meanDistance)
            }
            return nil
        }
        decision = next
        return next
    }

    private struct Tally {
        var count = 0
        var distanceSum: Float = 0
        var meanDistance: Float { distanceSum / Float(count) }
    }

    private func tallies() -> [String: Tally] {
        var result = [String: Tally]()
        for entry in recent {
            guard let person = entry.person else { continue }
            result[person, default: Tally()].count += 1
            result[person, default: Tally()].distanceSum += entry.distance
        }
        return result
    }

    private func nextDecision() -> Decision {
        let tallies = tallies()
        let leader = tallies.max { a, b in
            a.value.count != b.value.count ? a.value.count < b.value.count : a.value.meanDistance > b.value.meanDistance
        }
        let majority = leader.flatMap { $0.value.count * 2 > recent.count ? $0 : nil }
        switch decision {
        case .undecided:
            if embeddings >= options.minimumEmbeddings, let majority {
                return .known(person: majority.key, distance: majority.value.meanDistance)
            }
            return embeddings >= options.unknownAfter ? .unknown : .undecided
        case .unknown:
            if let majority { return .known(person: majority.key, distance: majority.value.meanDistance) }
            return .unknown
        case .known(let current, _):
            guard let majority, majority.key != current else {
                if tallies.isEmpty && recent.count == options.window { return .unknown }
                return decision
            }
            if let held = tallies[current], majority.value.meanDistance + options.switchMargin >= held.meanDistance {
                return decision
            }
            return .known(person: majority.key, distance: majority.value.meanDistance)
        }
    }
}
