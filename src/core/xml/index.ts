/** xml: the public face of src/core/xml; modules outside it import from here. */
export { childNamed, childrenNamed, decodeXmlBytes, parseXml, type XmlElement, XmlError } from './xml-reader';
export { element, escapeAttribute, escapeText, renderXmlDocument, textElement, type XmlNode } from './xml-writer';
