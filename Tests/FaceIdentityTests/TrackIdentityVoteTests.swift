import Testing
@testable import FaceIdentity

/// The per-track vote, fed match sequences written out by hand.
struct TrackIdentityVoteTests {
    static let threshold: Float = 0.6

    static func match(_ person: String, _ distance: Float) -> Match {
        Match(nearest: NearestPerson(person: person, distance: distance), threshold: threshold)
    }

    /// Feeds the matches in order; returns the decisions announced, with the 1-based embedding that announced each.
    static func announcements(_ matches: [Match], options: TrackIdentityVote.Options = .init()) -> [(Int, TrackIdentityVote.Decision)] {
        var vote = TrackIdentityVote(options: options)
        var result = [(Int, TrackIdentityVote.Decision)]()
        for (n, match) in matches.enumerated() {
            if let decision = vote.record(match) { result.append((n + 1, decision)) }
        }
        return result
    }

    @Test func aPersonIsNamedAfterTheMinimumNumberOfMatches() {
        let said = Self.announcements([Self.match("alice", 0.40), Self.match("alice", 0.50), Self.match("alice", 0.45)])
        #expect(said.count == 1)
        #expect(said.first?.0 == 3)
        #expect(said.first?.1 == .known(person: "alice", distance: (0.40 + 0.50 + 0.45) / 3))
    }

    @Test func oneStrayMatchDoesNotName() {
        let said = Self.announcements([Self.match("bob", 0.55), Self.match("alice", 0.7), Self.match("alice", 0.8)])
        #expect(said.isEmpty)
    }

    @Test func strangersBecomeUnknownAfterEnoughEmbeddings() {
        let far = (0..<6).map { _ in Self.match("alice", 0.75) }
        let said = Self.announcements(far)
        #expect(said.count == 1)
        #expect(said.first?.0 == 5)
        #expect(said.first?.1 == .unknown)
    }

    @Test func anEmptyGalleryGivesUnknown() {
        let said = Self.announcements((0..<5).map { _ in Match(nearest: nil, threshold: Self.threshold) })
        #expect(said.map(\.1) == [.unknown])
    }

    @Test func unknownTurnsKnownWhenThePersonIsSeenClearly() {
        let sequence = (0..<5).map { _ in Self.match("alice", 0.7) } + (0..<5).map { _ in Self.match("alice", 0.5) }
        let said = Self.announcements(sequence)
        #expect(said.map(\.1.person) == [nil, "alice"])
        // The window holds 9: alice needs 5 of them.
        #expect(said.last?.0 == 10)
    }

    @Test func aNameHoldsAgainstABarelyCloserRival() {
        // alice is named; then bob takes the majority but is only 0.02 closer: the name stays.
        let sequence = (0..<3).map { _ in Self.match("alice", 0.50) } + (0..<9).map { _ in Self.match("bob", 0.48) }
        let said = Self.announcements(sequence)
        // alice leaves the window entirely after 9 bob matches, so bob takes over then, not before.
        #expect(said.map(\.1.person) == ["alice", "bob"])
        #expect(said.last?.0 == 12)
    }

    @Test func aClearlyCloserRivalTakesOverOnceItHoldsTheMajority() {
        let sequence = (0..<3).map { _ in Self.match("alice", 0.55) } + (0..<5).map { _ in Self.match("bob", 0.30) }
        let said = Self.announcements(sequence)
        #expect(said.map(\.1.person) == ["alice", "bob"])
        // After 3 alice and 4 bob the window (7 of 9) has a bob majority of 4 > 7/2.
        #expect(said.last?.0 == 7)
    }

    @Test func aNamedTrackGoesUnknownOnlyAfterAFullWindowWithoutMatches() {
        let sequence = (0..<3).map { _ in Self.match("alice", 0.5) } + (0..<9).map { _ in Self.match("alice", 0.9) }
        let said = Self.announcements(sequence)
        #expect(said.map(\.1) == [.known(person: "alice", distance: 0.5), .unknown])
        #expect(said.last?.0 == 12)
    }

    @Test func optionsKeepTheirOrdering() {
        let options = TrackIdentityVote.Options(minimumEmbeddings: 4, unknownAfter: 2, window: 1)
        #expect(options.unknownAfter == 4 && options.window == 4)
    }
}
