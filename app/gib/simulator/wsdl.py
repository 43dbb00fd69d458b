"""The simulator's WSDL: GİB's own EFatura_Test.wsdl (from the configured file, the rules
directory or GİB's e-FaturaPaketi.zip) with the address rewritten to the simulator's, else an
equivalent one generated here."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from app import paths

from .. import soap
from .service import BANNER

if TYPE_CHECKING:
    from .server import SimulatorConfig


def service_wsdl(config: SimulatorConfig, url: str) -> bytes:
    """The WSDL served at ``url?wsdl``."""
    text = _gib_wsdl_text(config)
    if text is None:
        return generated_wsdl(url).encode("utf-8")
    text = re.sub(r'(<soap12:address\s+location=")[^"]*(")', rf"\g<1>{url}\g<2>", text)
    return text.encode("utf-8")


def _gib_wsdl_text(config: SimulatorConfig) -> str | None:
    source = config.wsdl_file or _find_gib_wsdl(config)
    if source is not None and Path(source).exists():
        return Path(source).read_text(encoding="utf-8")
    package = (Path(config.gib_packages_dir) / "e-FaturaPaketi.zip"
               if config.gib_packages_dir else None)
    if package is not None and package.exists():
        with zipfile.ZipFile(package) as zf:
            for name in zf.namelist():
                if name.endswith("wsdl/EFatura_Test.wsdl"):
                    return zf.read(name).decode("utf-8")
    return None


def _find_gib_wsdl(config: SimulatorConfig) -> Path | None:
    rules = config.rules_dir or paths.rules_dir(config.data_dir)
    if Path(rules).exists():
        for p in Path(rules).rglob("EFatura_Test.wsdl"):
            return p
    return None


def generated_wsdl(address: str) -> str:
    """A WSDL with the same service contract as GİB's EFatura_Test.wsdl (used when GİB's file
    is not at hand)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- {BANNER} -->
<wsdl:definitions name="EFatura" targetNamespace="{soap.EFATURA}"
    xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:tns="{soap.EFATURA}"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:xmime="{soap.XMIME}">
  <wsdl:types>
    <xs:schema targetNamespace="{soap.XMIME}">
      <xs:attribute name="contentType" type="xs:string"/>
      <xs:complexType name="base64Binary"><xs:simpleContent><xs:extension base="xs:base64Binary">
        <xs:attribute ref="xmime:contentType"/></xs:extension></xs:simpleContent></xs:complexType>
    </xs:schema>
    <xs:schema targetNamespace="{soap.EFATURA}">
      <xs:import namespace="{soap.XMIME}"/>
      <xs:element name="EFaturaFault" type="tns:EFaturaFaultType"/>
      <xs:element name="documentRequest" type="tns:documentType"/>
      <xs:element name="documentResponse" type="tns:documentReturnType"/>
      <xs:element name="getAppRespRequest" type="tns:getAppRespRequestType"/>
      <xs:element name="getAppRespResponse" type="tns:getAppRespResponseType"/>
      <xs:complexType name="getAppRespRequestType"><xs:sequence>
        <xs:element minOccurs="0" name="instanceIdentifier" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:complexType name="getAppRespResponseType"><xs:sequence>
        <xs:element minOccurs="0" name="applicationResponse" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:complexType name="EFaturaFaultType"><xs:sequence>
        <xs:element minOccurs="0" name="code" type="xs:int"/>
        <xs:element minOccurs="0" name="msg" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:complexType name="documentType"><xs:sequence>
        <xs:element minOccurs="0" name="fileName" type="xs:string"/>
        <xs:element minOccurs="0" name="binaryData" type="xmime:base64Binary"/>
        <xs:element minOccurs="0" name="hash" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:complexType name="documentReturnType"><xs:sequence>
        <xs:element minOccurs="0" name="msg" type="xs:string"/>
        <xs:element minOccurs="0" name="hash" type="xs:string"/></xs:sequence></xs:complexType>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="EFaturaFaultMessage"><wsdl:part element="tns:EFaturaFault" name="EFaturaFaultMessage"/></wsdl:message>
  <wsdl:message name="sendDocument"><wsdl:part element="tns:documentRequest" name="document"/></wsdl:message>
  <wsdl:message name="sendDocumentResponse"><wsdl:part element="tns:documentResponse" name="sendDocumentReturn"/></wsdl:message>
  <wsdl:message name="getApplicationResponse"><wsdl:part element="tns:getAppRespRequest" name="getApplicationResponseRequestPart"/></wsdl:message>
  <wsdl:message name="getApplicationResponseResponse"><wsdl:part element="tns:getAppRespResponse" name="getApplicationResponseResponsePart"/></wsdl:message>
  <wsdl:portType name="EFaturaPortType">
    <wsdl:operation name="getApplicationResponse">
      <wsdl:input message="tns:getApplicationResponse" name="getApplicationResponse"/>
      <wsdl:output message="tns:getApplicationResponseResponse" name="getApplicationResponseResponse"/>
      <wsdl:fault message="tns:EFaturaFaultMessage" name="EFaturaFaultMessage"/>
    </wsdl:operation>
    <wsdl:operation name="sendDocument">
      <wsdl:input message="tns:sendDocument" name="sendDocument"/>
      <wsdl:output message="tns:sendDocumentResponse" name="sendDocumentResponse"/>
      <wsdl:fault message="tns:EFaturaFaultMessage" name="EFaturaFaultMessage"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="EFaturaSoapBinding" type="tns:EFaturaPortType">
    <soap12:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="getApplicationResponse">
      <soap12:operation soapAction="getApplicationResponse" style="document"/>
      <wsdl:input name="getApplicationResponse"><soap12:body use="literal"/></wsdl:input>
      <wsdl:output name="getApplicationResponseResponse"><soap12:body use="literal"/></wsdl:output>
      <wsdl:fault name="EFaturaFaultMessage"><soap12:fault name="EFaturaFaultMessage" use="literal"/></wsdl:fault>
    </wsdl:operation>
    <wsdl:operation name="sendDocument">
      <soap12:operation soapAction="sendDocument" style="document"/>
      <wsdl:input name="sendDocument"><soap12:body use="literal"/></wsdl:input>
      <wsdl:output name="sendDocumentResponse"><soap12:body use="literal"/></wsdl:output>
      <wsdl:fault name="EFaturaFaultMessage"><soap12:fault name="EFaturaFaultMessage" use="literal"/></wsdl:fault>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="EFatura">
    <wsdl:port binding="tns:EFaturaSoapBinding" name="EFaturaSoap12">
      <soap12:address location="{address}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"""
