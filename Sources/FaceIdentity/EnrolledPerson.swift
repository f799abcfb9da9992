import Foundation

/// A person in a gallery, as listed by `identities list`.
public struct EnrolledPerson: Sendable, Equatable {
    public let name: String
    public let descriptorCount: Int
    public let created: Date
}
