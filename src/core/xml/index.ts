/** XML read with real positions and bounded (no DTD, no entities), and written escaped: for REFI-QDA and Word. */
export { childNamed, childrenNamed, decodeXmlBytes, parseXml, type XmlElement, XmlError } from './xml-reader';
export { element, escapeAttribute, escapeText, renderXmlDocument, textElement, type XmlNode } from './xml-writer';
