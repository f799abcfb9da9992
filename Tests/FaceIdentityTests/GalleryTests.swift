import Foundation
import Testing
@testable import FaceIdentity

/// Creating, reopening and changing a gallery in a temporary file.
struct GalleryTests {
    static let embedder = EmbedderIdentity(name: "test-embedder", dimension: 8, metric: .euclidean)

    static func descriptors(_ count: Int, seed: UInt64, source: String = "img") -> [Descriptor] {
        var generator = SyntheticDescriptors(seed: seed)
        return (0..<count).map { Descriptor(vector: generator.next(for: embedder), sourceImage: "\(source)-\($0).jpg") }
    }

    @Test func enrolledDescriptorsSurviveReopeningExactly() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("gallery.sqlite")
        let alice = Self.descriptors(3, seed: 1, source: "alice")
        let bob = Self.descriptors(2, seed: 2, source: "bob")
        do {
            let gallery = try Gallery(path: path, embedder: Self.embedder)
            #expect(try gallery.enroll("alice", descriptors: alice).descriptorCount == 3)
            #expect(try gallery.enroll("bob", descriptors: bob).descriptorCount == 2)
        }
        let reopened = try Gallery(path: path, embedder: Self.embedder)
        #expect(reopened.embedder == Self.embedder)
        #expect(try reopened.people().map(\.name) == ["alice", "bob"])
        #expect(try reopened.people().map(\.descriptorCount) == [3, 2])
        let stored = try reopened.descriptors()
        #expect(stored.map(\.person) == ["alice", "alice", "alice", "bob", "bob"])
        #expect(stored.map(\.vector) == (alice + bob).map(\.vector))
        #expect(stored.map(\.sourceImage) == (alice + bob).map(\.sourceImage))

        let index = try reopened.loadIndex()
        #expect(index.count == 5)
        #expect(index.nearest(to: bob[1].vector) == NearestPerson(person: "bob", distance: 0))
        #expect(index.nearest(to: alice[2].vector) == NearestPerson(person: "alice", distance: 0))
    }

    @Test func enrollingAnExistingPersonAddsToThem() throws {
        let directory = try TemporaryDirectory()
        let gallery = try Gallery(path: directory.file("g.sqlite"), embedder: Self.embedder)
        try gallery.enroll("carol", descriptors: Self.descriptors(2, seed: 3))
        let carol = try gallery.enroll("carol", descriptors: Self.descriptors(4, seed: 4))
        #expect(carol.descriptorCount == 6)
        #expect(try gallery.people().count == 1)
    }

    @Test func fileIsInWALMode() throws {
        let directory = try TemporaryDirectory()
        let gallery = try Gallery(path: directory.file("g.sqlite"), embedder: Self.embedder)
        let mode = try gallery.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func removingAPersonRemovesTheirDescriptors() throws {
        let directory = try TemporaryDirectory()
        let gallery = try Gallery(path: directory.file("g.sqlite"), embedder: Self.embedder)
        try gallery.enroll("alice", descriptors: Self.descriptors(3, seed: 1))
        try gallery.enroll("bob", descriptors: Self.descriptors(2, seed: 2))
        #expect(try gallery.remove("alice") == 3)
        #expect(try gallery.people().map(\.name) == ["bob"])
        #expect(try gallery.descriptors().map(\.person) == ["bob", "bob"])
        #expect(try gallery.loadIndex().people == ["bob"])
        #expect(throws: GalleryError.unknownPerson(path: gallery.path, name: "alice")) { try gallery.remove("alice") }
    }

    @Test func renamingKeepsDescriptorsAndRefusesCollisions() throws {
        let directory = try TemporaryDirectory()
        let gallery = try Gallery(path: directory.file("g.sqlite"), embedder: Self.embedder)
        let alice = Self.descriptors(2, seed: 1)
        try gallery.enroll("alice", descriptors: alice)
        try gallery.enroll("bob", descriptors: Self.descriptors(1, seed: 2))
        try gallery.rename("alice", to: "Alice Smith")
        #expect(try gallery.people().map(\.name) == ["Alice Smith", "bob"])
        #expect(try gallery.loadIndex().nearest(to: alice[0].vector)?.person == "Alice Smith")

        let path = gallery.path
        #expect(throws: GalleryError.nameTaken(path: path, name: "bob")) { try gallery.rename("Alice Smith", to: "bob") }
        #expect(throws: GalleryError.unknownPerson(path: path, name: "alice")) { try gallery.rename("alice", to: "x") }
        #expect(throws: GalleryError.invalidName(path: path, name: " bob", reason: "starts or ends with a space")) {
            try gallery.rename("bob", to: " bob")
        }
        try gallery.rename("bob", to: "bob")
        #expect(try gallery.people().map(\.name) == ["Alice Smith", "bob"])
    }

    @Test func invalidEnrolmentsStoreNothing() throws {
        let directory = try TemporaryDirectory()
        let gallery = try Gallery(path: directory.file("g.sqlite"), embedder: Self.embedder)
        let path = gallery.path
        let good = Self.descriptors(2, seed: 1)
        let short = Descriptor(vector: [1, 2, 3], sourceImage: "short.jpg")
        let notANumber = Descriptor(vector: [Float](repeating: .nan, count: 8), sourceImage: "nan.jpg")

        #expect(throws: GalleryError.wrongDimension(path: path, sourceImage: "short.jpg", expected: 8, actual: 3)) {
            try gallery.enroll("dave", descriptors: good + [short])
        }
        #expect(throws: GalleryError.nonFiniteDescriptor(path: path, sourceImage: "nan.jpg")) {
            try gallery.enroll("dave", descriptors: [notANumber] + good)
        }
        #expect(throws: GalleryError.noDescriptors(path: path, name: "dave")) { try gallery.enroll("dave", descriptors: []) }
        #expect(throws: GalleryError.invalidName(path: path, name: "", reason: "empty")) {
            try gallery.enroll("", descriptors: good)
        }
        #expect(throws: GalleryError.invalidName(path: path, name: "a\nb", reason: "contains control characters")) {
            try gallery.enroll("a\nb", descriptors: good)
        }
        #expect(try gallery.people().isEmpty)
        #expect(try gallery.descriptors().isEmpty)
    }

    @Test func anotherEmbeddersGalleryIsRefusedNamingBoth() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("dlib.sqlite")
        try Gallery(path: path, embedder: .dlibResNet).enroll("alice", descriptors: [
            Descriptor(vector: [Float](repeating: 0.05, count: 128), sourceImage: "a.jpg"),
        ])
        let arcFace = EmbedderIdentity(name: "arcface-r100", dimension: 512, metric: .cosine)
        let otherDimension = EmbedderIdentity(name: EmbedderIdentity.dlibResNet.name, dimension: 64, metric: .euclidean)
        for requested in [arcFace, otherDimension] {
            let error = #expect(throws: GalleryError.self) { try Gallery(path: path, embedder: requested) }
            #expect(error == .embedderMismatch(path: path, gallery: .dlibResNet, requested: requested))
            let description = error?.description ?? ""
            #expect(description.hasPrefix(path + ": "))
            #expect(description.contains(EmbedderIdentity.dlibResNet.description))
            #expect(description.contains(requested.description))
            #expect(!description.contains("\n"))
        }
        let existing = try Gallery(existingAt: path)
        #expect(existing.embedder == .dlibResNet)
        #expect(try existing.people().map(\.descriptorCount) == [1])
    }

    @Test func aReaderSeesOnlyCommittedEnrolments() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("g.sqlite")
        let writer = try Gallery(path: path, embedder: Self.embedder)
        let reader = try Gallery(existingAt: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for person in 0..<40 { try writer.enroll("p\(person)", descriptors: Self.descriptors(5, seed: UInt64(person))) }
            }
            group.addTask {
                for _ in 0..<40 {
                    let index = try reader.loadIndex()
                    #expect(index.count == 5 * index.people.count)
                }
            }
            try await group.waitForAll()
        }
        #expect(try reader.loadIndex().count == 200)
    }
}
