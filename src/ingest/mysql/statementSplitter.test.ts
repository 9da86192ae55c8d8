import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StatementSplitter, splitStatements, type SplitEnd } from './statementSplitter.ts';
import { isInsertStatement, parseInsert } from './insertValues.ts';

const enc = new TextEncoder();

function chunked(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.slice(i, i + size));
  return out;
}

function plain(r: SplitEnd) {
  return {
    statements: r.statements.map((s) => ({ text: s.text, line: s.line, byteOffset: s.byteOffset, index: s.index })),
    error: r.error && { ...r.error, bytes: Array.from(r.error.bytes) },
  };
}

/** Splits input whole and in chunks of every size from 1 to 17; all must agree. */
function split(input: string | Uint8Array) {
  const bytes = typeof input === 'string' ? enc.encode(input) : input;
  const whole = plain(splitStatements([bytes]));
  for (let size = 1; size <= 17; size++) expect(plain(splitStatements(chunked(bytes, size))), `chunk size ${size}`).toEqual(whole);
  return whole;
}

const texts = (input: string) => split(input).statements.map((s) => s.text);

describe('StatementSplitter', () => {
  it('splits on ; and gives 1-based line, byte offset and statement number', () => {
    const r = split('SELECT 1;\nSELECT 2;  SELECT\n3;\n');
    expect(r.statements).toEqual([
      { text: 'SELECT 1', line: 1, byteOffset: 0, index: 1 },
      { text: 'SELECT 2', line: 2, byteOffset: 10, index: 2 },
      { text: 'SELECT\n3', line: 2, byteOffset: 21, index: 3 },
    ]);
    expect(r.error).toBeUndefined();
  });

  it('ignores ; inside quoted strings and identifiers, with backslash escapes and doubled quotes', () => {
    expect(texts("INSERT INTO `a;b` VALUES ('x;y','it\\'s;','a\\\\',\"q\\\";\",'d''o;n',`c``;`);SELECT 2;")).toEqual([
      "INSERT INTO `a;b` VALUES ('x;y','it\\'s;','a\\\\',\"q\\\";\",'d''o;n',`c``;`)",
      'SELECT 2',
    ]);
  });

  it('does not treat a backslash as an escape inside back-quoted identifiers', () => {
    expect(texts('SELECT `a\\`;SELECT 2;')).toEqual(['SELECT `a\\`', 'SELECT 2']);
  });

  it('skips -- , # and /* */ comments between statements and keeps them inside', () => {
    const r = split('-- a; comment\n# another; one\n/* block;\n comment */ SELECT 1 -- x;\n, 2 # y;\n/* ; */;\n--\nSELECT 3;');
    expect(r.statements).toEqual([
      { text: 'SELECT 1 -- x;\n, 2 # y;\n/* ; */', line: 4, byteOffset: 51, index: 1 },
      { text: 'SELECT 3', line: 8, byteOffset: 87, index: 2 },
    ]);
  });

  it('treats -- without a following space as code (1--1)', () => {
    expect(texts('SELECT 1--1;SELECT 2;')).toEqual(['SELECT 1--1', 'SELECT 2']);
  });

  it('keeps versioned comments as statements, and the MariaDB sandbox line without a delimiter', () => {
    const r = split(
      '/*M!999999\\- enable the sandbox mode */ \n-- MariaDB dump 10.19\n/*!40101 SET NAMES utf8mb4 */;\n/*!40103 SET TIME_ZONE=\'+00:00\' */;\n',
    );
    expect(r.statements).toEqual([
      { text: '/*M!999999\\- enable the sandbox mode */', line: 1, byteOffset: 0, index: 1 },
      { text: '/*!40101 SET NAMES utf8mb4 */', line: 3, byteOffset: 63, index: 2 },
      { text: "/*!40103 SET TIME_ZONE='+00:00' */", line: 4, byteOffset: 94, index: 3 },
    ]);
  });

  it('follows DELIMITER ;; blocks until DELIMITER ;', () => {
    const r = split(
      'DELIMITER ;;\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT \';;\';\nEND ;;\ndelimiter ;\nSELECT 2;\nDELIMITER $$\nSELECT 3$$\nDELIMITER ;\nSELECT 4;',
    );
    expect(r.statements).toEqual([
      { text: "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\n  SELECT ';;';\nEND", line: 2, byteOffset: 13, index: 1 },
      { text: 'SELECT 2', line: 8, byteOffset: 86, index: 2 },
      { text: 'SELECT 3', line: 10, byteOffset: 109, index: 3 },
      { text: 'SELECT 4', line: 12, byteOffset: 132, index: 4 },
    ]);
  });

  it('handles CRLF line ends', () => {
    const r = split('-- c\r\nSELECT 1;\r\n\r\nSELECT\r\n2;\r\n');
    expect(r.statements).toEqual([
      { text: 'SELECT 1', line: 2, byteOffset: 6, index: 1 },
      { text: 'SELECT\r\n2', line: 4, byteOffset: 19, index: 2 },
    ]);
  });

  it('splits multi-byte UTF-8 characters across chunks without damage', () => {
    const r = split("INSERT INTO t VALUES ('ação 😀 日本;');\nSELECT 'é';");
    expect(r.statements.map((s) => s.text)).toEqual(["INSERT INTO t VALUES ('ação 😀 日本;')", "SELECT 'é'"]);
    expect(r.statements[1]!.byteOffset).toBe(enc.encode("INSERT INTO t VALUES ('ação 😀 日本;');\n").length);
  });

  it('keeps raw non-UTF-8 bytes of each statement exactly', () => {
    const blob = [0x00, 0xff, 0xfe, 0x80, 0xc3, 0x3b, 0x0a, 0x0d];
    const head = enc.encode("INSERT INTO b VALUES ('");
    const tail = enc.encode("');SELECT 1;");
    const input = new Uint8Array([...head, ...blob, ...tail]);
    for (let size = 1; size <= 17; size++) {
      const r = splitStatements(chunked(input, size));
      expect(r.statements).toHaveLength(2);
      expect(Array.from(r.statements[0]!.bytes)).toEqual([...head, ...blob, 0x27, 0x29]);
      expect(r.statements[1]!.line).toBe(2);
    }
  });

  it('skips a UTF-8 byte order mark at the start of the file', () => {
    expect(split(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('SELECT 1;')])).statements).toEqual([
      { text: 'SELECT 1', line: 1, byteOffset: 3, index: 1 },
    ]);
  });

  it('reports a truncated final statement from end() instead of throwing', () => {
    const r = split("SELECT 1;\nINSERT INTO t VALUES ('abc");
    expect(r.statements.map((s) => s.text)).toEqual(['SELECT 1']);
    expect(r.error).toMatchObject({ kind: 'truncated-statement', line: 2, index: 2, byteOffset: 10 });
    expect(r.error!.message).toContain('statement 2 at line 2');
    expect(split('SELECT 1;\nSELECT 2\n').error).toMatchObject({ line: 2, index: 2, byteOffset: 10 });
    expect(split('SELECT 1; /* open').error).toMatchObject({ kind: 'unterminated-comment', line: 1, byteOffset: 10 });
    expect(split('SELECT 1;\n-- the end').error).toBeUndefined();
  });

  it('returns statements from push() as soon as they are complete', () => {
    const s = new StatementSplitter();
    expect(s.push(enc.encode('SELECT 1;SEL')).map((x) => x.text)).toEqual(['SELECT 1']);
    expect(s.push(enc.encode('ECT 2'))).toEqual([]);
    expect(s.push(enc.encode(';')).map((x) => x.text)).toEqual(['SELECT 2']);
    expect(s.end()).toEqual({ statements: [] });
  });

  it('splits a realistic mariadb-dump excerpt exactly', () => {
    const dump = `/*M!999999\\- enable the sandbox mode */ 
-- MariaDB dump 10.19  Distrib 10.11.19-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: localhost    Database: shop
-- ------------------------------------------------------
-- Server version\t10.11.19-MariaDB-0+deb12u1

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;

--
-- Table structure for table \`orders\`
--

DROP TABLE IF EXISTS \`orders\`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8mb4 */;
CREATE TABLE \`orders\` (
  \`order_id\` char(32) NOT NULL,
  \`note\` text DEFAULT NULL COMMENT 'free; text',
  PRIMARY KEY (\`order_id\`),
  KEY \`idx_note\` (\`note\`(10))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table \`orders\`
--

LOCK TABLES \`orders\` WRITE;
/*!40000 ALTER TABLE \`orders\` DISABLE KEYS */;
INSERT INTO \`orders\` VALUES
('a1','it\\'s; fine'),
('a2',NULL),
('a3','line\\nbreak');
/*!40000 ALTER TABLE \`orders\` ENABLE KEYS */;
UNLOCK TABLES;
/*!50003 SET sql_mode              = '' */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=\`root\`@\`localhost\`*/ /*!50003 TRIGGER t BEFORE INSERT ON orders FOR EACH ROW
BEGIN
  SET NEW.note = TRIM(NEW.note);
END */;;
DELIMITER ;
/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;

-- Dump completed on 2025-11-25 22:03:01
`;
    const r = split(dump);
    expect(r.error).toBeUndefined();
    expect(r.statements.map((s) => [s.line, s.text])).toEqual([
      [1, '/*M!999999\\- enable the sandbox mode */'],
      [8, '/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */'],
      [9, '/*!40101 SET NAMES utf8mb4 */'],
      [10, "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */"],
      [16, 'DROP TABLE IF EXISTS `orders`'],
      [17, '/*!40101 SET @saved_cs_client     = @@character_set_client */'],
      [18, '/*!40101 SET character_set_client = utf8mb4 */'],
      [
        19,
        "CREATE TABLE `orders` (\n  `order_id` char(32) NOT NULL,\n  `note` text DEFAULT NULL COMMENT 'free; text',\n" +
          '  PRIMARY KEY (`order_id`),\n  KEY `idx_note` (`note`(10))\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci',
      ],
      [25, '/*!40101 SET character_set_client = @saved_cs_client */'],
      [31, 'LOCK TABLES `orders` WRITE'],
      [32, '/*!40000 ALTER TABLE `orders` DISABLE KEYS */'],
      [33, "INSERT INTO `orders` VALUES\n('a1','it\\'s; fine'),\n('a2',NULL),\n('a3','line\\nbreak')"],
      [37, '/*!40000 ALTER TABLE `orders` ENABLE KEYS */'],
      [38, 'UNLOCK TABLES'],
      [39, "/*!50003 SET sql_mode              = '' */"],
      [
        41,
        '/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER t BEFORE INSERT ON orders FOR EACH ROW\n' +
          'BEGIN\n  SET NEW.note = TRIM(NEW.note);\nEND */',
      ],
      [46, '/*!40101 SET SQL_MODE=@OLD_SQL_MODE */'],
    ]);
    expect(r.statements.map((s) => s.index)).toEqual(r.statements.map((_, i) => i + 1));
    const insert = parseInsert(r.statements[11]!.text);
    expect(insert.rows).toEqual([
      ['a1', "it's; fine"],
      ['a2', null],
      ['a3', 'line\nbreak'],
    ]);
  });
});

const fixtures = fileURLToPath(new URL('../../../fixtures/mysql', import.meta.url));
const fixtureFiles = readdirSync(fixtures).filter((f) => f.endsWith('.sql'));

describe('real mariadb-dump fixtures', () => {
  it('finds the committed fixtures', () => expect(fixtureFiles.length).toBeGreaterThan(5));

  it.each(fixtureFiles)('%s splits without errors and its INSERT rows parse', (file) => {
    const bytes = new Uint8Array(readFileSync(join(fixtures, file)));
    const whole = splitStatements([bytes]);
    expect(whole.error).toBeUndefined();
    const chunkedRun = splitStatements(chunked(bytes, 4093));
    expect(chunkedRun.statements.map((s) => [s.byteOffset, s.line, s.text])).toEqual(
      whole.statements.map((s) => [s.byteOffset, s.line, s.text]),
    );
    let rows = 0;
    let line = 1;
    let at = 0;
    for (const s of whole.statements) {
      // Line numbers agree with the newlines before each statement.
      for (; at < s.byteOffset; at++) if (bytes[at] === 0x0a) line++;
      expect(s.line).toBe(line);
      if (isInsertStatement(s.text)) rows += parseInsert(s.bytes).rows.length;
    }
    expect(rows).toBeGreaterThan(0);
    expect(whole.statements[0]!.text).toBe('/*M!999999\\- enable the sandbox mode */');
  });
});
