import Foundation
import XCTest
@testable import LeptonData

final class TabularCSVTests: XCTestCase {
    let csv = """
        date,a,b,y,label
        2020/01/01,1.0,10,3.5,x
        2020/01/02,2.0,20,4.5,y
        2020/01/03,3.0,10,5.5,x
        2020/01/04,4.0,20,6.5,y

        """

    func testReadsNamedColumnsInOrder() throws {
        let t = try TabularCSV.parse(csv, path: "t.csv", features: ["b", "a"], target: "y", orderBy: "date")
        XCTAssertEqual(t.count, 4)
        XCTAssertEqual(t.featureNames, ["b", "a"])
        XCTAssertEqual(Array(t.row(1)), [20, 2])
        XCTAssertEqual(t.targets, [3.5, 4.5, 5.5, 6.5])
        XCTAssertEqual(t.keys.first, "2020/01/01")
    }

    private func message(_ text: String, features: [String], target: String = "y", orderBy: String? = nil) -> String {
        do {
            _ = try TabularCSV.parse(text, path: "t.csv", features: features, target: target, orderBy: orderBy)
            return "accepted"
        } catch {
            return error.description
        }
    }

    func testRefusesMissingValuesWithLineAndColumn() {
        XCTAssertEqual(message(csv.replacingOccurrences(of: "3.0,10,5.5", with: "3.0,NA,5.5"), features: ["a", "b"]),
                       "t.csv:4:16: b: expected a number but found the missing-value marker 'NA'; "
                       + "Lepton refuses missing values rather than guessing: drop the row or impute it before loading")
        XCTAssertEqual(message(csv.replacingOccurrences(of: "4.0,20,6.5", with: "4.0,20,"), features: ["a"]),
                       "t.csv:5:19: y: expected a number but found an empty cell; "
                       + "Lepton refuses missing values rather than guessing: drop the row or impute it before loading")
    }

    func testNamesUnknownColumnsWithTheNearestAndNonNumbers() {
        XCTAssertEqual(message(csv, features: ["lable"]),
                       "t.csv:1:1: expected a column named 'lable' (the header has 'date', 'a', 'b', 'y', 'label') but found none; did you mean 'label'?")
        XCTAssertEqual(message(csv, features: ["label"]), "t.csv:2:23: label: expected a finite number but found 'x'; choose numeric feature and target columns")
    }

    func testRefusesAHeaderWithoutDataAndTrailingFields() {
        XCTAssertEqual(message("date,a,b,y,label\n", features: ["a"]),
                       "t.csv:1:17: expected at least one data line after the header but found the end of the file")
        XCTAssertEqual(message(csv + "2020/01/05,5.0,10,7.5,x,garbage\n", features: ["a"]),
                       "t.csv:6:25: expected 5 fields, as in the header but found 6; fix or remove the line")
        XCTAssertEqual(message(csv.replacingOccurrences(of: "2020/01/03,3.0", with: "2020/01/03,\"3.0\""), features: ["a"]),
                       "t.csv:4:12: expected plain comma-separated fields but found a quote (\"); "
                       + "quoted fields are not supported; remove the quotes and any commas inside them")
        XCTAssertEqual(message(csv.replacingOccurrences(of: "2020/01/03", with: "2019/12/31"), features: ["a"], orderBy: "date"),
                       "t.csv:4:1: date: expected a key no earlier than '2020/01/02' but found '2019/12/31'; sort the file by 'date' before a time-ordered split")
    }

    func testTimeOrderedSplitKeepsThePastForTraining() throws {
        let t = try TabularCSV.parse(csv, path: "t.csv", features: ["a"], target: "y", orderBy: "date")
        let (train, test) = try t.timeOrderedSplit(trainFraction: 0.75)
        XCTAssertEqual(train.keys, ["2020/01/01", "2020/01/02", "2020/01/03"])
        XCTAssertEqual(test.keys, ["2020/01/04"])
        XCTAssertThrowsError(try t.timeOrderedSplit(trainFraction: 1))
        let shuffled = csv.replacingOccurrences(of: "2020/01/03", with: "2019/12/31")
        XCTAssertThrowsError(try TabularCSV.parse(shuffled, path: "t.csv", features: ["a"], target: "y", orderBy: "date")) {
            XCTAssertTrue("\($0)".contains("t.csv:4"))
        }
    }

    func testStandardiserUsesTrainingStatisticsOnly() throws {
        let t = try TabularCSV.parse(csv, path: "t.csv", features: ["a", "b"], target: "y", orderBy: "date")
        let (train, test) = try t.timeOrderedSplit(trainFraction: 0.5)
        let s = try Standardizer(fittedOn: train)
        XCTAssertEqual(s.means, [1.5, 15])
        XCTAssertEqual(s.deviations, [0.5, 5])
        let z = try s.apply(test)
        XCTAssertEqual(z.features, [3, -1, 5, 1])   // (3 − 1.5)/0.5, (10 − 15)/5, …
        XCTAssertEqual(z.targets, test.targets)
        let constant = try TabularCSV.parse(csv, path: "t.csv", features: ["b"], target: "y").subset([0, 2])
        XCTAssertThrowsError(try Standardizer(fittedOn: constant)) { XCTAssertTrue("\($0)".contains("'b' is constant")) }
    }

    /// The catalogued Seattle weather file: checksum verified, 1461 days in time order, no
    /// missing values in the chosen columns.
    func testCataloguedSeattleWeatherLoads() throws {
        let catalogue = try TabularCatalogue()
        let (data, d) = try catalogue.load(name: "seattle-weather")
        XCTAssertEqual(data.count, 1461)
        XCTAssertEqual(data.featureNames, ["precipitation", "temp_min", "wind"])
        XCTAssertEqual(data.keys.first, "2012/01/01")
        XCTAssertEqual(data.keys.last, "2015/12/31")
        let (train, test) = try data.timeOrderedSplit(trainFraction: d.trainFraction)
        XCTAssertEqual(train.count + test.count, 1461)
        XCTAssertLessThan(train.keys.last ?? "", test.keys.first ?? "")
        XCTAssertThrowsError(try catalogue.load(name: "nope")) { XCTAssertTrue("\($0)".contains("seattle-weather")) }
    }
}
