import Foundation

/// A descriptor as the gallery holds it: whose it is, where it came from and when it was added.
public struct StoredDescriptor: Sendable, Equatable {
    public let id: Int64
    public let person: String
    public let vector: [Float]
    public let sourceImage: String
    public let added: Date
}
