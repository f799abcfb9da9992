/// The mean and the population standard deviation (divisor n, as numpy's `np.std`) of per-fold figures.
public struct Spread: Sendable, Equatable, Hashable, Codable {
    public let mean: Double
    public let standardDeviation: Double

    public init(of values: [Double]) {
        guard !values.isEmpty else {
            mean = .nan
            standardDeviation = .nan
            return
        }
        let count = Double(values.count)
        let mean = values.reduce(0, +) / count
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count
        self.mean = mean
        standardDeviation = variance.squareRoot()
    }
}
