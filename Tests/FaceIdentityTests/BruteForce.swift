import FaceIdentity

/// Reference answers computed the slow, obvious way, one vector pair at a time in Double.
enum BruteForce {
    static func distance(_ a: [Float], _ b: [Float], metric: DistanceMetric) -> Double {
        switch metric {
        case .euclidean:
            return zip(a, b).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }.squareRoot()
        case .cosine:
            let dot = zip(a, b).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let normA = a.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            let normB = b.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            return 1 - dot / (normA * normB)
        }
    }

    /// Each person's smallest distance to `query`.
    static func distancePerPerson(
        _ query: [Float], rows: [(person: String, vector: [Float])], metric: DistanceMetric
    ) -> [String: Double] {
        var best: [String: Double] = [:]
        for row in rows {
            let distance = distance(query, row.vector, metric: metric)
            best[row.person] = min(best[row.person] ?? .infinity, distance)
        }
        return best
    }
}
