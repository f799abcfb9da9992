/// Every descriptor of a gallery held in memory for matching: one contiguous row-major matrix (a row per
/// descriptor), which person each row belongs to, and a per-row constant of the metric precomputed at insertion
/// (|g|² for Euclidean, 1/|g| for cosine), so that a search is one matrix product plus a scan.
public struct DescriptorIndex: Sendable {
    public let dimension: Int
    public let metric: DistanceMetric
    /// Distinct enrolled names, in order of first appearance.
    public private(set) var people: [String] = []
    private var personNumbers: [String: Int32] = [:]
    private(set) var personOfRow: [Int32] = []
    private(set) var matrix: [Float] = []
    private(set) var rowConstants: [Float] = []

    public init(dimension: Int, metric: DistanceMetric) {
        precondition(dimension > 0, "a descriptor has at least one value")
        self.dimension = dimension
        self.metric = metric
    }

    public init(embedder: EmbedderIdentity) {
        self.init(dimension: embedder.dimension, metric: embedder.metric)
    }

    /// Number of descriptors (rows).
    public var count: Int { personOfRow.count }
    public var isEmpty: Bool { personOfRow.isEmpty }

    public mutating func reserveCapacity(_ rows: Int) {
        matrix.reserveCapacity(rows * dimension)
        personOfRow.reserveCapacity(rows)
        rowConstants.reserveCapacity(rows)
    }

    public mutating func append(_ vector: [Float], person: String) {
        precondition(vector.count == dimension, "descriptor has \(vector.count) values, the index holds \(dimension)")
        let start = matrix.count
        matrix.append(contentsOf: vector)
        appendedRow(startingAt: start, person: person)
    }

    /// Adds a row whose values the caller writes straight into the matrix (no intermediate array); `fill` must
    /// append exactly `dimension` values and return true, or append nothing and return false.
    @discardableResult
    mutating func appendRow(person: String, fill: (inout [Float]) -> Bool) -> Bool {
        let start = matrix.count
        guard fill(&matrix) else {
            matrix.removeSubrange(start...)
            return false
        }
        precondition(matrix.count == start + dimension, "a row must add exactly \(dimension) values")
        appendedRow(startingAt: start, person: person)
        return true
    }

    private mutating func appendedRow(startingAt start: Int, person: String) {
        let squaredNorm = matrix[start..<(start + dimension)].reduce(Float(0)) { $0 + $1 * $1 }
        switch metric {
        case .euclidean: rowConstants.append(squaredNorm)
        case .cosine: rowConstants.append(squaredNorm > 0 ? 1 / squaredNorm.squareRoot() : 0)
        }
        personOfRow.append(personNumber(for: person))
    }

    private mutating func personNumber(for person: String) -> Int32 {
        if let number = personNumbers[person] { return number }
        let number = Int32(people.count)
        people.append(person)
        personNumbers[person] = number
        return number
    }
}
