import Foundation
import GRDB

/// Enrolling, removing and renaming people; each call is a single transaction.
extension Gallery {
    /// Adds `descriptors` to the person `name`, creating the person if new, all in one transaction: either every
    /// descriptor is stored or none is. Returns the person as they now stand.
    @discardableResult
    public func enroll(_ name: String, descriptors: [Descriptor]) throws(GalleryError) -> EnrolledPerson {
        try validate(name)
        guard !descriptors.isEmpty else { throw .noDescriptors(path: path, name: name) }
        for descriptor in descriptors {
            guard descriptor.vector.count == embedder.dimension else {
                throw .wrongDimension(
                    path: path, sourceImage: descriptor.sourceImage,
                    expected: embedder.dimension, actual: descriptor.vector.count)
            }
            guard descriptor.vector.allSatisfy(\.isFinite) else {
                throw .nonFiniteDescriptor(path: path, sourceImage: descriptor.sourceImage)
            }
        }
        let blobs = descriptors.map { DescriptorBlob.encode($0.vector) }
        return try GalleryFailure.translating(path) {
            try pool.write { db in
                let now = Date()
                try db.execute(
                    sql: "INSERT INTO person (name, created) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    arguments: [name, now])
                let row = try Row.fetchOne(db, sql: "SELECT id, created FROM person WHERE name = ?", arguments: [name])!
                let personID: Int64 = row["id"]
                let insert = try db.cachedStatement(
                    sql: "INSERT INTO descriptor (person_id, vector, source_image, added) VALUES (?, ?, ?, ?)")
                for (descriptor, blob) in zip(descriptors, blobs) {
                    try insert.execute(arguments: [personID, blob, descriptor.sourceImage, now])
                }
                let count = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM descriptor WHERE person_id = ?", arguments: [personID]) ?? 0
                return EnrolledPerson(name: name, descriptorCount: count, created: row["created"])
            }
        }
    }

    /// Deletes the person and all their descriptors; returns how many descriptors went with them.
    @discardableResult
    public func remove(_ name: String) throws(GalleryError) -> Int {
        try GalleryFailure.translating(path) {
            try pool.write { db in
                let personID = try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE name = ?", arguments: [name])
                guard let personID else { throw GalleryError.unknownPerson(path: path, name: name) }
                let count = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM descriptor WHERE person_id = ?", arguments: [personID]) ?? 0
                try db.execute(sql: "DELETE FROM person WHERE id = ?", arguments: [personID])
                return count
            }
        }
    }

    public func rename(_ oldName: String, to newName: String) throws(GalleryError) {
        try validate(newName)
        try GalleryFailure.translating(path) {
            try pool.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE name = ?", arguments: [oldName]) != nil
                else { throw GalleryError.unknownPerson(path: path, name: oldName) }
                guard oldName != newName else { return }
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM person WHERE name = ?", arguments: [newName]) != nil {
                    throw GalleryError.nameTaken(path: path, name: newName)
                }
                try db.execute(sql: "UPDATE person SET name = ? WHERE name = ?", arguments: [newName, oldName])
            }
        }
    }

    private func validate(_ name: String) throws(GalleryError) {
        if let problem = PersonName.problem(with: name) {
            throw .invalidName(path: path, name: name, reason: problem)
        }
    }
}
