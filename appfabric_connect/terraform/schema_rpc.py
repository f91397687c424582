"""GetProviderSchema and GetMetadata, built once and served without the lifecycle.

Terraform starts the provider about three times per plan, the first time for its schema alone:
served from here, that start never imports the lifecycle and the core. The later starts do not
ask again (``get_provider_schema_optional``: Terraform and OpenTofu keep the first answer).
"""

from __future__ import annotations

import functools

from . import terraform_schema as s
from .proto import tfplugin6_pb2 as tf
from .terraform_blocks import schema

GET_PROVIDER_SCHEMA = "/tfplugin6.Provider/GetProviderSchema"
GET_METADATA = "/tfplugin6.Provider/GetMetadata"


def capabilities() -> tf.ServerCapabilities:
    # Terraform and OpenTofu quirk: without get_provider_schema_optional, every process they
    # start is asked for the whole schema again before its first call.
    return tf.ServerCapabilities(move_resource_state=True, get_provider_schema_optional=True)


@functools.cache
def provider_schema() -> tf.GetProviderSchema.Response:
    response = tf.GetProviderSchema.Response(
        provider=schema(s.PROVIDER), server_capabilities=capabilities()
    )
    response.resource_schemas[s.RESOURCE].CopyFrom(schema(s.RESOURCE_BLOCK, s.SCHEMA_VERSION))
    response.data_source_schemas[s.DATA_SOURCE].CopyFrom(schema(s.DATA_SOURCE_BLOCK))
    return response


@functools.cache
def metadata() -> tf.GetMetadata.Response:
    return tf.GetMetadata.Response(
        server_capabilities=capabilities(),
        resources=[tf.GetMetadata.ResourceMetadata(type_name=s.RESOURCE)],
        data_sources=[tf.GetMetadata.DataSourceMetadata(type_name=s.DATA_SOURCE)],
    )
