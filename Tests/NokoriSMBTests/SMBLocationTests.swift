import NokoriSMB
import Testing

@Suite struct SMBLocationTests {
  @Test func parsesDomainUserHostPortShareAndPath() throws {
    let location = try SMBLocation(parsing: "smb://CORP;scanner@files.example.jp:4450/顧客/2024%20年/a%3Fb.txt")
    #expect(location.domain == "CORP")
    #expect(location.user == "scanner")
    #expect(location.host == "files.example.jp")
    #expect(location.port == 4450)
    #expect(location.share == "顧客")
    #expect(location.components == ["2024 年", "a?b.txt"])
    #expect(location.displayURL == "smb://files.example.jp:4450/顧客/2024 年/a?b.txt", "decoded, and no user")
    #expect(
      location.libraryURL == "smb://files.example.jp:4450/%E9%A1%A7%E5%AE%A2/2024%20%E5%B9%B4/a%3Fb.txt",
      "encoded for libsmbclient, which would read a bare ? as options")
    #expect(location.shareURL == "smb://files.example.jp:4450/顧客")
  }

  @Test func displayURLParsesBackToTheSameLocationWithoutDecodingAgain() throws {
    let original = try SMBLocation(parsing: "smb://host/share/100%25done/x")
    #expect(original.components == ["100%done", "x"])
    let back = try SMBLocation(displayURL: original.displayURL)
    #expect(back.components == original.components)
    #expect(back.libraryURL == "smb://host/share/100%25done/x")
    #expect(back.appending("名簿.csv").displayURL == "smb://host/share/100%done/x/名簿.csv")
  }

  @Test func shareWithoutPathAndIPv6Host() throws {
    let plain = try SMBLocation(parsing: "smb://host/share/")
    #expect(plain.share == "share" && plain.components.isEmpty && plain.port == nil && plain.user == nil)
    let v6 = try SMBLocation(parsing: "smb://[::1]:4450/share")
    #expect(v6.host == "[::1]" && v6.port == 4450)
  }

  @Test func refusesPasswordsAndBrokenURLs() {
    #expect(throws: SMBLocationError.passwordInURL) { try SMBLocation(parsing: "smb://user:hunter2@host/share") }
    #expect(!SMBLocationError.passwordInURL.description.contains("hunter2"))
    #expect(throws: SMBLocationError.noShare) { try SMBLocation(parsing: "smb://host/") }
    #expect(throws: SMBLocationError.badPort) { try SMBLocation(parsing: "smb://host:99999/share") }
    #expect(throws: SMBLocationError.badPort) { try SMBLocation(parsing: "smb://host:x/share") }
    #expect(throws: SMBLocationError.badHost) { try SMBLocation(parsing: "smb:///share") }
    #expect(throws: SMBLocationError.badEscape) { try SMBLocation(parsing: "smb://host/share/a%2Fb") }
    #expect(throws: SMBLocationError.badEscape) { try SMBLocation(parsing: "smb://host/share/a%zz") }
    #expect(throws: SMBLocationError.dotComponent) { try SMBLocation(parsing: "smb://host/share/../etc") }
    #expect(SMBLocation.isSMB("SMB://host/share") && !SMBLocation.isSMB("/srv/smb://x"))
  }

  @Test func deviceIsStablePerShareAndDistinctFromLocalDevices() throws {
    let a = try SMBLocation(parsing: "smb://Host/Share/a/b.txt")
    let b = try SMBLocation(parsing: "smb://host/share/c.txt")
    let otherShare = try SMBLocation(parsing: "smb://host/other/c.txt")
    let otherPort = try SMBLocation(parsing: "smb://host:4450/share/c.txt")
    #expect(a.device == b.device, "one number for the whole share, whatever the case of its name")
    #expect(a.device != otherShare.device && a.device != otherPort.device)
    #expect(a.device >> 63 == 1)
  }
}
