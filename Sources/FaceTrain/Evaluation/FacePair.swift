/// One verification pair read from a pairs file: two image paths, whether they show the same person, and the
/// cross-validation fold the pair belongs to.
public struct FacePair: Sendable, Equatable, Hashable, Codable {
    public var pathA: String
    public var pathB: String
    public var isSame: Bool
    /// 0-based fold index.
    public var fold: Int
    /// 1-based line of the pairs file this pair came from, so that later failures can point at it.
    public var line: Int

    public init(pathA: String, pathB: String, isSame: Bool, fold: Int, line: Int) {
        self.pathA = pathA
        self.pathB = pathB
        self.isSame = isSame
        self.fold = fold
        self.line = line
    }
}
