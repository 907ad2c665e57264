//! The tower [`Layer`] and [`Service`]: verify, then call the route with
//! the verified token in the request's extensions, or answer the refusal.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{Method, Request, Response};
use tower_layer::Layer;
use tower_service::Service;

use crate::BearerAuth;
use crate::auth::Config;

impl<S> Layer<S> for BearerAuth {
    type Service = BearerService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        BearerService { inner, config: Arc::clone(&self.config) }
    }
}

/// The service [`BearerAuth`] wraps a route in.
#[derive(Clone)]
pub struct BearerService<S> {
    inner: S,
    config: Arc<Config>,
}

/// The unauthenticated mark an optional layer leaves on a request without
/// credentials, so that a required extractor answers as the layer would.
#[derive(Clone)]
pub(crate) struct Unauthenticated(pub(crate) Arc<Config>);

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for BearerService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>> + Clone + Send + 'static,
    S::Future: Send,
    ReqBody: Send + 'static,
    ResBody: From<Bytes>,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        let config = Arc::clone(&self.config);
        // The clone that was made ready is the one called (tower's rule).
        let ready = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, ready);
        Box::pin(async move {
            if config.cors_preflight && is_preflight(&request) {
                return inner.call(request).await;
            }
            match config.authenticate(request.headers(), request.uri()).await {
                Ok(Some(token)) => {
                    request.extensions_mut().insert(token);
                }
                Ok(None) => {
                    request.extensions_mut().insert(Unauthenticated(Arc::clone(&config)));
                }
                Err(rejection) => return Ok(rejection.response(&config.realm, &*config.body)),
            }
            inner.call(request).await
        })
    }
}

fn is_preflight<B>(request: &Request<B>) -> bool {
    request.method() == Method::OPTIONS && request.headers().contains_key(http::header::ACCESS_CONTROL_REQUEST_METHOD)
}
