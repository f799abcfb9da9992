import Foundation
import GRDB

/// Reading the gallery: the people, their descriptors, and the in-memory index that matching uses.
extension Gallery {
    /// Everyone enrolled, by name, with how many descriptors each has.
    public func people() throws(GalleryError) -> [EnrolledPerson] {
        try GalleryFailure.translating(path) {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT person.name, person.created, COUNT(descriptor.id) AS count
                        FROM person LEFT JOIN descriptor ON descriptor.person_id = person.id
                        GROUP BY person.id ORDER BY person.name
                        """
                ).map { row in
                    EnrolledPerson(name: row["name"], descriptorCount: row["count"], created: row["created"])
                }
            }
        }
    }

    /// Every stored descriptor with its person and source, in the order they were added.
    public func descriptors() throws(GalleryError) -> [StoredDescriptor] {
        let dimension = embedder.dimension
        let path = path
        return try GalleryFailure.translating(path) {
            try pool.read { db in
                try Array(Row.fetchCursor(db, sql: Self.descriptorsInOrder).map { row -> StoredDescriptor in
                    let id: Int64 = row["id"]
                    let vector = try row.withUnsafeData(atIndex: 2) { data in
                        data.flatMap { DescriptorBlob.decode($0, dimension: dimension) }
                    }
                    guard let vector else {
                        throw Self.badVector(id: id, dimension: dimension, path: path)
                    }
                    return StoredDescriptor(
                        id: id, person: row["name"], vector: vector, sourceImage: row["source_image"],
                        added: row["added"])
                })
            }
        }
    }

    /// All descriptors, loaded into one matrix for matching. Reads one consistent snapshot, even while
    /// another connection is enrolling.
    public func loadIndex() throws(GalleryError) -> DescriptorIndex {
        let dimension = embedder.dimension
        let path = path
        let embedder = embedder
        return try GalleryFailure.translating(path) {
            try pool.read { db in
                var index = DescriptorIndex(embedder: embedder)
                let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM descriptor") ?? 0
                index.reserveCapacity(total)
                let rows = try Row.fetchCursor(db, sql: Self.descriptorsInOrder)
                while let row = try rows.next() {
                    let person: String = row["name"]
                    let complete = try row.withUnsafeData(atIndex: 2) { data in
                        guard let data else { return false }
                        return index.appendRow(person: person) { matrix in
                            data.withUnsafeBytes { DescriptorBlob.append($0, dimension: dimension, to: &matrix) }
                        }
                    }
                    guard complete else {
                        throw Self.badVector(id: row["id"], dimension: dimension, path: path)
                    }
                }
                return index
            }
        }
    }

    private static let descriptorsInOrder = """
        SELECT descriptor.id, person.name, descriptor.vector, descriptor.source_image, descriptor.added
        FROM descriptor JOIN person ON person.id = descriptor.person_id
        ORDER BY descriptor.id
        """

    private static func badVector(id: Int64, dimension: Int, path: String) -> GalleryError {
        .corrupt(path: path, detail: "descriptor \(id) is not \(dimension) Float32 values")
    }
}
