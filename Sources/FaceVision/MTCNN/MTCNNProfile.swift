/// Where one detection's time went, for the benchmark.
public struct MTCNNProfile: Sendable {
    public var pyramidSeconds: Double = 0
    public var pnetSeconds: Double = 0
    public var rnetSeconds: Double = 0
    public var onetSeconds: Double = 0
    public var nmsSeconds: Double = 0
    /// Convolution and dense multiply–adds performed by the three nets.
    public var multiplyAdds: Int = 0
    /// Candidates entering R-Net and O-Net.
    public var rnetCandidates: Int = 0
    public var onetCandidates: Int = 0

    public init() {}

    public var totalSeconds: Double { pyramidSeconds + pnetSeconds + rnetSeconds + onetSeconds + nmsSeconds }
}
