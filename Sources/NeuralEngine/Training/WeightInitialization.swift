import Foundation

/// Starting values for weights.
///
/// Convolution and dense weights start from He (Kaiming) initialisation: a normal distribution of mean 0 and
/// standard deviation √(2 / fan-in), fan-in being the inputs one output sums (in channels × kernel area for a
/// convolution, in features for a dense layer). It keeps the activations' variance roughly constant through layers
/// followed by ReLU. Biases and batch-norm offsets start at 0, batch-norm scales at 1, PReLU slopes at 0.25.
public enum WeightInitialization {
    /// `count` values drawn from N(0, 2 / fanIn).
    public static func he(count: Int, fanIn: Int, using generator: inout some RandomNumberGenerator) -> [Float] {
        precondition(fanIn > 0, "WeightInitialization.he: fan-in must be positive")
        let deviation = (2 / Double(fanIn)).squareRoot()
        return (0..<count).map { _ in Float(standardNormal(using: &generator) * deviation) }
    }

    /// One draw from N(0, 1) by the Box–Muller transform.
    static func standardNormal(using generator: inout some RandomNumberGenerator) -> Double {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &generator)
        let v = Double.random(in: 0..<1, using: &generator)
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
