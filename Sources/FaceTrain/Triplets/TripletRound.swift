/// The images sampled for one round of triplet selection, grouped by person: the first `imageCounts[0]` paths
/// are `people[0]`'s, the next `imageCounts[1]` are `people[1]`'s, and so on. Embeddings are computed in this order.
public struct TripletRound: Sendable, Equatable {
    public var people: [String]
    public var imageCounts: [Int]
    public var imagePaths: [String]

    public init(people: [String], imageCounts: [Int], imagePaths: [String]) {
        precondition(people.count == imageCounts.count && imageCounts.reduce(0, +) == imagePaths.count,
                     "TripletRound: \(people.count) people, \(imageCounts.count) counts, \(imagePaths.count) paths")
        self.people = people
        self.imageCounts = imageCounts
        self.imagePaths = imagePaths
    }

    /// For each image, the index of its person in `people`.
    public var labels: [Int] {
        imageCounts.enumerated().flatMap { person, count in Array(repeating: person, count: count) }
    }

    /// Each person's images as a range of indices into `imagePaths`.
    public var imageRanges: [Range<Int>] {
        var start = 0
        return imageCounts.map { count in
            defer { start += count }
            return start..<(start + count)
        }
    }
}
