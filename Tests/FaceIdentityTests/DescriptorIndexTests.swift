import Testing
@testable import FaceIdentity

/// The sgemm search against a brute-force search over the same random descriptors.
struct DescriptorIndexTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let rows: Int, people: Int, dimension: Int, queries: Int, metric: DistanceMetric
        var testDescription: String { "\(rows) rows, \(people) people, \(dimension)-D, \(queries) queries, \(metric)" }
    }

    static let cases: [Case] = [
        Case(rows: 1, people: 1, dimension: 128, queries: 1, metric: .euclidean),
        Case(rows: 7, people: 3, dimension: 5, queries: 4, metric: .euclidean),
        Case(rows: 500, people: 40, dimension: 128, queries: 17, metric: .euclidean),
        Case(rows: 2000, people: 300, dimension: 64, queries: 33, metric: .euclidean),
        Case(rows: 1, people: 1, dimension: 3, queries: 2, metric: .cosine),
        Case(rows: 800, people: 100, dimension: 512, queries: 9, metric: .cosine),
    ]

    /// Rows with random people, and queries of three kinds: random, a stored row exactly, a stored row plus noise.
    static func data(_ testCase: Case, seed: UInt64) -> (rows: [(person: String, vector: [Float])], queries: [[Float]]) {
        var generator = SyntheticDescriptors(seed: seed)
        var rows: [(person: String, vector: [Float])] = []
        for row in 0..<testCase.rows {
            let person = "p\((row * 7919) % testCase.people)"
            rows.append((person, generator.next(dimension: testCase.dimension, metric: testCase.metric)))
        }
        var queries: [[Float]] = []
        for query in 0..<testCase.queries {
            let random = generator.next(dimension: testCase.dimension, metric: testCase.metric)
            let stored = rows[(query * 31) % rows.count].vector
            switch query % 3 {
            case 0: queries.append(random)
            case 1: queries.append(stored)
            default: queries.append(zip(stored, random).map { $0 + 0.05 * $1 })
            }
        }
        return (rows, queries)
    }

    static func index(_ rows: [(person: String, vector: [Float])], _ testCase: Case) -> DescriptorIndex {
        var index = DescriptorIndex(dimension: testCase.dimension, metric: testCase.metric)
        for row in rows { index.append(row.vector, person: row.person) }
        return index
    }

    /// The answer names a person whose true distance is the smallest (up to float rounding) and reports it.
    static func expectAgrees(
        _ answer: NearestPerson?, query: [Float], rows: [(person: String, vector: [Float])], metric: DistanceMetric
    ) throws {
        let truth = BruteForce.distancePerPerson(query, rows: rows, metric: metric)
        let answer = try #require(answer)
        let trueDistance = try #require(truth[answer.person])
        let smallest = truth.values.min()!
        #expect(trueDistance <= smallest + 1e-5, "\(answer.person) at \(trueDistance), but the nearest is at \(smallest)")
        #expect(abs(Double(answer.distance) - trueDistance) <= 1e-5 + 1e-5 * trueDistance)
    }

    @Test(arguments: cases)
    func singleQueriesAgreeWithBruteForce(_ testCase: Case) throws {
        let (rows, queries) = Self.data(testCase, seed: 11)
        let index = Self.index(rows, testCase)
        #expect(index.count == testCase.rows)
        for query in queries {
            try Self.expectAgrees(index.nearest(to: query), query: query, rows: rows, metric: testCase.metric)
        }
    }

    @Test(arguments: cases)
    func batchedQueriesAgreeWithBruteForce(_ testCase: Case) throws {
        let (rows, queries) = Self.data(testCase, seed: 23)
        let index = Self.index(rows, testCase)
        let answers = index.nearest(to: queries)
        try #require(answers.count == queries.count)
        for (answer, query) in zip(answers, queries) {
            try Self.expectAgrees(answer, query: query, rows: rows, metric: testCase.metric)
        }
    }

    @Test(arguments: [1, 5, 64])
    func searchingInSmallBlocksGivesTheSameAnswers(productBudget: Int) {
        let testCase = Case(rows: 60, people: 9, dimension: 16, queries: 25, metric: .euclidean)
        let (rows, queries) = Self.data(testCase, seed: 5)
        let index = Self.index(rows, testCase)
        #expect(index.nearest(to: queries, productBudget: productBudget) == index.nearest(to: queries))
        #expect(index.nearest(to: queries) == queries.map { index.nearest(to: $0) })
    }

    @Test func storedDescriptorIsAtDistanceZero() throws {
        var index = DescriptorIndex(dimension: 4, metric: .euclidean)
        index.append([10, 20, 30, 40], person: "far")
        index.append([1000.5, -2000.25, 3000.125, 0.5], person: "big")
        let answer = try #require(index.nearest(to: [1000.5, -2000.25, 3000.125, 0.5]))
        #expect(answer == NearestPerson(person: "big", distance: 0))
    }

    @Test func knownDistancesInBothMetrics() throws {
        var euclidean = DescriptorIndex(dimension: 2, metric: .euclidean)
        euclidean.append([3, 4], person: "a")
        euclidean.append([0, 1], person: "b")
        #expect(euclidean.nearest(to: [0, 0]) == NearestPerson(person: "b", distance: 1))
        #expect(euclidean.nearest(to: [6, 8]) == NearestPerson(person: "a", distance: 5))

        var cosine = DescriptorIndex(dimension: 2, metric: .cosine)
        cosine.append([0, 2], person: "up")
        cosine.append([-5, 0], person: "left")
        let answer = try #require(cosine.nearest(to: [1, 0]))
        #expect(answer.person == "up")
        #expect(abs(answer.distance - 1) < 1e-6)
        #expect(cosine.nearest(to: [-1, 0]) == NearestPerson(person: "left", distance: 0))
    }

    @Test func emptyIndexAnswersNothing() {
        let index = DescriptorIndex(dimension: 3, metric: .euclidean)
        #expect(index.nearest(to: [1, 2, 3]) == nil)
        #expect(index.nearest(to: [[1, 2, 3], [4, 5, 6]]) == [nil, nil])
        #expect(index.nearest(to: []).isEmpty)
        #expect(index.ranking(for: [1, 2, 3], limit: 3).isEmpty)
        let match = index.match([1, 2, 3], threshold: 0.6)
        #expect(!match.isKnown && match.distance == nil)
    }

    @Test func matchIsUnknownFromTheThresholdOn() {
        var index = DescriptorIndex(dimension: 1, metric: .euclidean)
        index.append([0], person: "alice")
        #expect(index.match([0.5], threshold: 0.6).person == "alice")
        let atThreshold = index.match([0.75], threshold: 0.75)
        #expect(atThreshold.person == nil)
        #expect(atThreshold.nearest == NearestPerson(person: "alice", distance: 0.75))
        #expect(index.match([[0.25], [2]], threshold: 0.6).map(\.person) == ["alice", nil])
    }

    @Test func rankingListsEachPersonOnceAtTheirClosestDescriptor() throws {
        let testCase = Case(rows: 300, people: 12, dimension: 32, queries: 3, metric: .euclidean)
        let (rows, queries) = Self.data(testCase, seed: 77)
        let index = Self.index(rows, testCase)
        for query in queries {
            let ranking = index.ranking(for: query, limit: 5)
            let truth = BruteForce.distancePerPerson(query, rows: rows, metric: .euclidean)
            let expected = truth.sorted { $0.value < $1.value }.prefix(5)
            #expect(ranking.map(\.person) == expected.map(\.key))
            for (answer, truth) in zip(ranking, expected) {
                #expect(abs(Double(answer.distance) - truth.value) < 1e-5)
            }
        }
        #expect(index.ranking(for: queries[0], limit: 100).count == 12)
    }

    @Test func syntheticIndexIsReproducibleAndSpreadOverPeople() {
        let embedder = EmbedderIdentity(name: "test", dimension: 8, metric: .cosine)
        let first = DescriptorIndex.synthetic(count: 50, people: 7, embedder: embedder, seed: 3)
        let second = DescriptorIndex.synthetic(count: 50, people: 7, embedder: embedder, seed: 3)
        #expect(first.count == 50 && first.people.count == 7)
        #expect(first.matrix == second.matrix)
        #expect(first.matrix != DescriptorIndex.synthetic(count: 50, people: 7, embedder: embedder, seed: 4).matrix)
        var generator = SyntheticDescriptors(seed: 9)
        let vector = generator.next(for: embedder)
        #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
    }
}
