/// The enrolled person closest to a query descriptor: the smallest distance over all of that person's descriptors.
public struct NearestPerson: Sendable, Equatable {
    public let person: String
    public let distance: Float

    public init(person: String, distance: Float) {
        self.person = person
        self.distance = distance
    }
}
