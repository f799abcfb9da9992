/// The optimal assignment of rows to columns of a rectangular cost matrix (the Hungarian method, in its
/// shortest-augmenting-path form with dual potentials, O(n²m) for n ≤ m).
///
/// Every row is given a distinct column when there are at least as many columns as rows, otherwise every column is
/// given a distinct row; among all such assignments the one returned has the smallest total cost (ties broken
/// arbitrarily). `costs[row][column]`; all rows must have the same length and every cost must be finite.
///
/// - Returns: for each row, its column, or nil for rows left over when there are more rows than columns.
public func minimumCostAssignment(_ costs: [[Double]]) -> [Int?] {
    let rowCount = costs.count
    guard rowCount > 0 else { return [] }
    let columnCount = costs[0].count
    precondition(costs.allSatisfy { $0.count == columnCount }, "cost matrix rows differ in length")
    precondition(costs.allSatisfy { $0.allSatisfy(\.isFinite) }, "cost matrix holds a non-finite cost")
    guard columnCount > 0 else { return Array(repeating: nil, count: rowCount) }

    if rowCount <= columnCount {
        return AugmentingPathSolver(costs: costs).columnForEachRow().map { Optional($0) }
    }
    let transposed = (0..<columnCount).map { column in costs.map { $0[column] } }
    var columnForRow = [Int?](repeating: nil, count: rowCount)
    for (column, row) in AugmentingPathSolver(costs: transposed).columnForEachRow().enumerated() {
        columnForRow[row] = column
    }
    return columnForRow
}

/// Solves the assignment for a matrix with no more rows than columns by adding one row at a time and moving along
/// the cheapest alternating path (in reduced costs) from it to a free column, keeping the dual potentials feasible.
private struct AugmentingPathSolver {
    let costs: [[Double]]
    let rowCount: Int
    let columnCount: Int

    init(costs: [[Double]]) {
        self.costs = costs
        rowCount = costs.count
        columnCount = costs[0].count
    }

    func columnForEachRow() -> [Int] {
        // Columns are numbered from 1; column 0 is a virtual column holding the row being inserted. Rows are
        // numbered from 1 as well, 0 meaning "no row".
        var rowPotential = [Double](repeating: 0, count: rowCount + 1)
        var columnPotential = [Double](repeating: 0, count: columnCount + 1)
        var rowInColumn = [Int](repeating: 0, count: columnCount + 1)
        var previousColumn = [Int](repeating: 0, count: columnCount + 1)

        for newRow in 1...rowCount {
            rowInColumn[0] = newRow
            var current = 0
            var slack = [Double](repeating: .infinity, count: columnCount + 1)
            var visited = [Bool](repeating: false, count: columnCount + 1)
            repeat {
                visited[current] = true
                let row = rowInColumn[current]
                var step = Double.infinity
                var next = 0
                for column in 1...columnCount where !visited[column] {
                    let reduced = costs[row - 1][column - 1] - rowPotential[row] - columnPotential[column]
                    if reduced < slack[column] {
                        slack[column] = reduced
                        previousColumn[column] = current
                    }
                    if slack[column] < step {
                        step = slack[column]
                        next = column
                    }
                }
                for column in 0...columnCount {
                    if visited[column] {
                        rowPotential[rowInColumn[column]] += step
                        columnPotential[column] -= step
                    } else {
                        slack[column] -= step
                    }
                }
                current = next
            } while rowInColumn[current] != 0

            repeat {
                let previous = previousColumn[current]
                rowInColumn[current] = rowInColumn[previous]
                current = previous
            } while current != 0
        }

        var columnForRow = [Int](repeating: 0, count: rowCount)
        for column in 1...columnCount where rowInColumn[column] != 0 {
            columnForRow[rowInColumn[column] - 1] = column - 1
        }
        return columnForRow
    }
}
